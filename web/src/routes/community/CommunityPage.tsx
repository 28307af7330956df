import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import { useCurrentUser } from '../../api/session';
import type { Community } from '../../api/types';
import { MembershipButton } from '../../components/MembershipButton';
import { FollowButton } from '../../components/notifications/FollowButton';
import { formatDate, plural } from '../../lib/format';
import { ROLE_LABELS, STATUS_LABELS, STATUS_TONES } from '../../lib/labels';
import { useTitle } from '../../lib/useTitle';
import { Badge, Button, ButtonLink, Card } from '../../ui';
import { PageQuery } from '../../components/PageQuery';
import { PublishForm } from './PublishForm';
import { Team } from './Team';
import { CommunityNav } from './CommunityNav';
import { CommunityFeed } from './CommunityFeed';
import { RelatedPanel } from './RelatedPanel';

export default function CommunityPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement de l’e-communauté…">{(c) => <CommunityView c={c} />}</PageQuery>;
}

function CommunityView({ c }: { c: Community }) {
  useTitle(c.name);
  const user = useCurrentUser();
  // The page opens on the latest publications; the form only when one asks for it.
  const [publishing, setPublishing] = useState(false);
  const publishButton = useRef<HTMLButtonElement>(null);
  const closePublish = () => {
    setPublishing(false);
    requestAnimationFrame(() => publishButton.current?.focus());
  };
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to="/communautes">Annuaire des e-communautés</Link> ›</p>
          <h1>{c.name}</h1>
          <p className="row small">
            <Badge tone={STATUS_TONES[c.status]}>{STATUS_LABELS[c.status]}</Badge>
            {c.myRole ? <Badge tone="info">{c.myRole === 'member' ? 'Vous êtes membre' : `Vous êtes ${ROLE_LABELS[c.myRole].toLowerCase()}`}</Badge> : null}
            {/* One run of text whose separators hold to the word before them (no-break space): on a phone a line
                never starts with « · », and « lancement le … » wraps with the figures instead of alone. */}
            <span className="muted">
              {[
                plural(c.memberCount, 'membre'),
                plural(c.postCount, 'publication'),
                c.launchDate ? `lancement ${c.status === 'draft' ? 'prévu ' : ''}le ${formatDate(c.launchDate)}` : null,
              ].filter(Boolean).join('\u00a0· ')}
            </span>
          </p>
        </div>
        <div className="row">
          {c.can.join || c.can.leave ? (
            <MembershipButton slug={c.slug} name={c.name} isMember={c.can.leave} canJoin={c.can.join} canLeave={c.can.leave} />
          ) : null}
          <FollowButton slug={c.slug} isMember={c.myRole !== null} />
          {!user && c.status === 'open' ? <ButtonLink to={`/connexion?suite=${encodeURIComponent(`/communautes/${c.slug}`)}`} small>Se connecter pour rejoindre</ButtonLink> : null}
          {c.can.editEditorial || c.can.appointAnimator || c.can.moderate ? <ButtonLink to={`/communautes/${c.slug}/gestion`} variant="secondary" small>Gérer l’e-communauté</ButtonLink> : null}
        </div>
      </div>
      <CommunityNav c={c} />

      <div className="two-cols">
        <div>
          <CommunityFeed
            slug={c.slug}
            action={c.can.post && !publishing ? <Button ref={publishButton} small onPress={() => setPublishing(true)}>Publier</Button> : null}
            form={c.can.post && publishing ? <PublishForm slug={c.slug} communityId={c.id} staff={c.can.moderate} onClose={closePublish} /> : null}
          />
        </div>
        <aside aria-label="À propos de cette e-communauté" className="stack">
          <Card as="section">
            <h2 className="card__title">À propos</h2>
            {c.description ? <p>{c.description}</p> : null}
            <About title="Périmètre" text={c.perimeter} />
            <About title="Public visé" text={c.targetAudience} />
            <About title="Ligne éditoriale" text={c.editorialLine} />
          </Card>
          <Team c={c} />
          <RelatedPanel c={c} />
          {c.status !== 'draft' ? (
            <p className="small">
              {/* React hoists this <link> into <head>, where feed readers look for it. */}
              <link rel="alternate" type="application/atom+xml" title={`${c.name} — publications`} href={`/api/communities/${c.slug}/feed.atom`} />
              <a href={`/api/communities/${c.slug}/feed.atom`}>Suivre les publications par flux Atom</a>
            </p>
          ) : null}
        </aside>
      </div>
    </>
  );
}

function About({ title, text }: { title: string; text: string }) {
  if (!text) return null;
  return (
    <>
      <h3 className="about__title">{title}</h3>
      <p className="pre-line">{text}</p>
    </>
  );
}
