import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SearchField, Input, Label, Button as AriaButton } from 'react-aria-components';
import { useCommunities } from '../../api/communities';
import { useCurrentUser } from '../../api/session';
import type { CommunitySummary } from '../../api/types';
import { MembershipButton } from '../../components/MembershipButton';
import { formatDate, plural } from '../../lib/format';
import { ROLE_LABELS, STATUS_LABELS, STATUS_TONES } from '../../lib/labels';
import { useTitle } from '../../lib/useTitle';
import { Badge, LoadMore, QueryState } from '../../ui';

export default function DirectoryPage() {
  useTitle('Annuaire des e-communautés');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  // Search as the user types, without a request per keystroke.
  useEffect(() => {
    const t = window.setTimeout(() => {
      if (text.trim() !== q) setParams(text.trim() ? { q: text.trim() } : {}, { replace: true });
    }, 300);
    return () => window.clearTimeout(t);
  }, [text, q, setParams]);
  const list = useCommunities(q);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <h1>Annuaire des e-communautés</h1>
      <p>Chaque e-communauté réunit des agents territoriaux autour d’un métier ou d’une politique publique.</p>
      <div role="search" className="directory-search">
        <SearchField value={text} onChange={setText} onSubmit={(v) => setParams(v.trim() ? { q: v.trim() } : {})} className="field">
          <Label className="field__label">Rechercher une e-communauté</Label>
          <div className="search-input">
            <Input className="input" />
            {text ? <AriaButton className="btn btn--ghost btn--small" aria-label="Effacer la recherche">✕</AriaButton> : null}
          </div>
        </SearchField>
      </div>
      <QueryState query={list} loading="Chargement de l’annuaire…">
        {() => (
          <>
            <p role="status" className="muted">
              {items.length === 0
                ? q ? `Aucune e-communauté ne correspond à « ${q} ».` : 'Aucune e-communauté pour le moment.'
                : q ? `${plural(items.length, 'e-communauté trouvée', 'e-communautés trouvées')}${list.hasNextPage ? ' (et plus)' : ''}.` : null}
            </p>
            <ul className="grid">
              {items.map((c) => <CommunityCard key={c.id} community={c} />)}
            </ul>
            <LoadMore query={list} />
          </>
        )}
      </QueryState>
    </>
  );
}

function CommunityCard({ community: c }: { community: CommunitySummary }) {
  const user = useCurrentUser();
  return (
    <li className="card community-card">
      <h2 className="card__title"><Link to={`/communautes/${c.slug}`}>{c.name}</Link></h2>
      <p className="row small">
        <Badge tone={STATUS_TONES[c.status]}>{STATUS_LABELS[c.status]}</Badge>
        {c.myRole ? <Badge tone="info">{c.myRole === 'member' ? 'Vous êtes membre' : ROLE_LABELS[c.myRole]}</Badge> : null}
        <span className="muted">{plural(c.memberCount, 'membre')} · {plural(c.postCount, 'publication')}</span>
      </p>
      <p>{c.description}</p>
      {c.status === 'draft' && c.launchDate ? <p className="small muted">Lancement prévu le {formatDate(c.launchDate)}</p> : null}
      {user && c.status === 'open' ? (
        <div className="community-card__action">
          <MembershipButton slug={c.slug} name={c.name} isMember={c.myRole !== null} />
        </div>
      ) : null}
    </li>
  );
}
