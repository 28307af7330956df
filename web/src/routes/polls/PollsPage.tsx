import { Link, useParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { formatDateTime, plural } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Badge, ButtonLink, LoadMore, QueryState } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { useCommunityPolls } from './api';
import './polls.css';

/** Staff may launch polls in an open community (the server decides; this only hides the button). */
export function canLaunchPolls(c: Community): boolean {
  return c.can.moderate && c.status === 'open';
}

export default function PollsPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement…">{(c) => <PollsView c={c} />}</PageQuery>;
}

function PollsView({ c }: { c: Community }) {
  useTitle(`Sondages – ${c.name}`);
  const polls = useCommunityPolls(c.slug);
  const items = polls.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to={`/communautes/${c.slug}`}>{c.name}</Link> ›</p>
          <h1>Sondages et mini-enquêtes</h1>
        </div>
        <div className="row">
          <ButtonLink variant="secondary" to={`/communautes/${c.slug}/enquetes`}>Mini-enquêtes</ButtonLink>
          {canLaunchPolls(c) ? <ButtonLink to={`/communautes/${c.slug}/sondages/nouveau`}>Nouveau sondage</ButtonLink> : null}
        </div>
      </div>
      <CommunityNav c={c} />
      <QueryState query={polls} loading="Chargement des sondages…">
        {() => items.length === 0 ? <p className="muted">Aucun sondage pour le moment.</p> : (
          <>
            <ul className="plain-list stack poll-list">
              {items.map((p) => (
                <li key={p.postId} className="card">
                  <span>
                    <Link to={`/publications/${p.postId}`}><strong>{p.title}</strong></Link>
                    <br />
                    <span className="muted small">
                      {p.closed ? 'Clos le ' : 'Jusqu’au '}{formatDateTime(p.closesAt)} · {plural(p.totalVoters, 'réponse')}
                    </span>
                  </span>
                  <span className="row">
                    <Badge tone={p.closed ? 'neutral' : 'success'}>{p.closed ? 'Clos' : 'En cours'}</Badge>
                    {p.resultsPostId ? <Link to={`/publications/${p.resultsPostId}`} className="small">Résultats publiés</Link> : null}
                  </span>
                </li>
              ))}
            </ul>
            <LoadMore query={polls} />
          </>
        )}
      </QueryState>
    </>
  );
}
