import '../components/drafts/reading.css';
import { Link } from 'react-router';
import type { PostSummary } from '../api/types';
import { formatDateTime, fullName, plural } from '../lib/format';
import { KIND_LABELS, KIND_TONES } from '../lib/kind-labels';
import { Badge } from '../ui';
import { CnfptBadges, CnfptCatalogueLink } from './cnfpt/CnfptResource';

interface Props {
  posts: PostSummary[];
  showCommunity?: boolean;
  headingLevel?: 2 | 3;
  /**
   * Denser cards (a community's page): kind, author and counts on one line, the excerpt cut to two lines and no
   * tag list (the feed's filters above offer the tags), so that a laptop's first screen shows five publications.
   */
  compact?: boolean;
}

/** A list of post summaries (feed, community). Headings are h3 under the section's h2. */
export function PostList({ posts, showCommunity = true, headingLevel = 3, compact = false }: Props) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const counts = (p: PostSummary) => `${plural(p.commentCount, 'commentaire')} · ${p.usefulCount} « utile »`;
  return (
    <ul className={`plain-list post-list${compact ? ' post-list--compact' : ''}`}>
      {posts.map((p) => (
        <li key={p.id}>
          <article className={`card post-card${p.cnfpt ? ' post-card--cnfpt' : ''}`}>
            {compact ? null : <Kind p={p} />}
            <H className="card__title"><Link to={`/publications/${p.id}`}>{p.title}</Link></H>
            <Unread p={p} />
            <p className="muted small post-card__meta">
              {compact ? <><Kind p={p} inline /> · </> : null}
              {showCommunity ? <><Link to={`/communautes/${p.community.slug}`}>{p.community.name}</Link> · </> : null}
              Par <Link to={`/membres/${p.author.id}`}>{fullName(p.author)}</Link>, le{' '}
              <time dateTime={p.createdAt}>{formatDateTime(p.createdAt)}</time>
              {p.editedAt ? <> (modifié le <time dateTime={p.editedAt}>{formatDateTime(p.editedAt)}</time>)</> : null}
              {compact ? <> · {counts(p)}</> : null}
            </p>
            {p.excerpt ? <p className="post-card__excerpt">{p.excerpt}</p> : null}
            {p.cnfpt ? <CnfptCatalogueLink cnfpt={p.cnfpt} title={p.title} /> : null}
            {!compact && p.tags?.length ? (
              <ul className="plain-list row tag-list" aria-label="Mots-clés">
                {p.tags.map((t) => <li key={t}><Link className="tag" to={`/communautes/${p.community.slug}?motcle=${encodeURIComponent(t)}`}>#{t}</Link></li>)}
              </ul>
            ) : null}
            {compact ? null : <p className="muted small">{counts(p)}</p>}
          </article>
        </li>
      ))}
    </ul>
  );
}

/** The post's kind (and rubrique): its own line above the title, or the start of the meta line in a compact list. */
function Kind({ p, inline = false }: { p: PostSummary; inline?: boolean }) {
  const content = (
    <>
      {p.cnfpt ? <CnfptBadges cnfpt={p.cnfpt} /> : <Badge tone={KIND_TONES[p.kind] ?? 'neutral'}>{KIND_LABELS[p.kind] ?? p.kind}</Badge>}
      {p.rubrique ? <span className="muted"> · {p.rubrique.name}</span> : null}
    </>
  );
  return inline ? content : <p className="post-card__kind small">{content}</p>;
}

/** What is new for this reader: a post since their last visit, comments since they last opened it. */
function Unread({ p }: { p: PostSummary }) {
  if (!p.isNew && !p.unreadComments) return null;
  return (
    <p className="small post-card__unread">
      {p.isNew ? <Badge tone="info">Nouveau</Badge> : null}
      {p.unreadComments ? <Badge tone="info">{plural(p.unreadComments, 'nouveau commentaire', 'nouveaux commentaires')}</Badge> : null}
    </p>
  );
}
