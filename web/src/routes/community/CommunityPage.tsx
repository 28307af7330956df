import { Link, useParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import { useCommunityPosts } from '../../api/posts';
import { useCurrentUser } from '../../api/session';
import type { Community } from '../../api/types';
import { MembershipButton } from '../../components/MembershipButton';
import { PostList } from '../../components/PostList';
import { formatDate, plural } from '../../lib/format';
import { ROLE_LABELS, STATUS_LABELS, STATUS_TONES } from '../../lib/labels';
import { useTitle } from '../../lib/useTitle';
import { Badge, ButtonLink, Card, LoadMore, QueryState } from '../../ui';
import { PageQuery } from '../../components/PageQuery';
import { PublishForm } from './PublishForm';
import { Team } from './Team';
import { CommunityNav } from './CommunityNav';

export default function CommunityPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement de l’e-communauté…">{(c) => <CommunityView c={c} />}</PageQuery>;
}

function CommunityView({ c }: { c: Community }) {
  useTitle(c.name);
  const user = useCurrentUser();
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to="/communautes">Annuaire des e-communautés</Link> ›</p>
          <h1>{c.name}</h1>
          <p className="row small">
            <Badge tone={STATUS_TONES[c.status]}>{STATUS_LABELS[c.status]}</Badge>
            {c.myRole ? <Badge tone="info">{c.myRole === 'member' ? 'Vous êtes membre' : `Vous êtes ${ROLE_LABELS[c.myRole].toLowerCase()}`}</Badge> : null}
            <span className="muted">{plural(c.memberCount, 'membre')} · {plural(c.postCount, 'publication')}</span>
            {c.launchDate ? <span className="muted">· lancement {c.status === 'draft' ? 'prévu ' : ''}le {formatDate(c.launchDate)}</span> : null}
          </p>
        </div>
        <div className="row">
          {c.can.join || c.can.leave ? (
            <MembershipButton slug={c.slug} name={c.name} isMember={c.can.leave} canJoin={c.can.join} canLeave={c.can.leave} />
          ) : null}
          {!user && c.status === 'open' ? <ButtonLink to={`/connexion?suite=${encodeURIComponent(`/communautes/${c.slug}`)}`} small>Se connecter pour rejoindre</ButtonLink> : null}
          {c.can.editEditorial || c.can.appointAnimator ? <ButtonLink to={`/communautes/${c.slug}/gestion`} variant="secondary" small>Gérer l’e-communauté</ButtonLink> : null}
        </div>
      </div>
      <CommunityNav c={c} />

      <div className="two-cols">
        <div>
          <p className="lead">{c.description}</p>
          {c.can.post ? <PublishForm slug={c.slug} /> : null}
          <CommunityFeed slug={c.slug} />
        </div>
        <aside aria-label="À propos de cette e-communauté" className="stack">
          <Card as="section">
            <h2 className="card__title">À propos</h2>
            <About title="Périmètre" text={c.perimeter} />
            <About title="Public visé" text={c.targetAudience} />
            <About title="Ligne éditoriale" text={c.editorialLine} />
          </Card>
          <Team c={c} />
          {c.related.length > 0 ? (
            <Card as="section">
              <h2 className="card__title">E-communautés liées</h2>
              <ul className="plain-list">
                {c.related.map((r) => <li key={r.id}><Link to={`/communautes/${r.slug}`}>{r.name}</Link></li>)}
              </ul>
            </Card>
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

function CommunityFeed({ slug }: { slug: string }) {
  const posts = useCommunityPosts(slug);
  const items = posts.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="posts-title">
      <h2 id="posts-title">Publications</h2>
      <QueryState query={posts} loading="Chargement des publications…">
        {() =>
          items.length === 0 ? (
            <p className="muted">Aucune publication pour le moment.</p>
          ) : (
            <>
              <PostList posts={items} showCommunity={false} />
              <LoadMore query={posts} />
            </>
          )
        }
      </QueryState>
    </section>
  );
}
