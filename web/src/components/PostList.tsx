import { Link } from 'react-router';
import type { PostSummary } from '../api/types';
import { formatDateTime, fullName, plural } from '../lib/format';
import { KIND_LABELS, KIND_TONES } from '../lib/kind-labels';
import { Badge } from '../ui';

/** A list of post summaries (feed, community). Headings are h3 under the section's h2. */
export function PostList({ posts, showCommunity = true, headingLevel = 3 }: { posts: PostSummary[]; showCommunity?: boolean; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="plain-list post-list">
      {posts.map((p) => (
        <li key={p.id}>
          <article className="card post-card">
            <p className="post-card__kind small">
              <Badge tone={KIND_TONES[p.kind] ?? 'neutral'}>{KIND_LABELS[p.kind] ?? p.kind}</Badge>
              {p.rubrique ? <span className="muted"> · {p.rubrique.name}</span> : null}
            </p>
            <H className="card__title"><Link to={`/publications/${p.id}`}>{p.title}</Link></H>
            <p className="muted small post-card__meta">
              {showCommunity ? <><Link to={`/communautes/${p.community.slug}`}>{p.community.name}</Link> · </> : null}
              Par <Link to={`/membres/${p.author.id}`}>{fullName(p.author)}</Link>, le{' '}
              <time dateTime={p.createdAt}>{formatDateTime(p.createdAt)}</time>
              {p.editedAt ? <> (modifié le <time dateTime={p.editedAt}>{formatDateTime(p.editedAt)}</time>)</> : null}
            </p>
            {p.excerpt ? <p>{p.excerpt}</p> : null}
            {p.tags?.length ? (
              <ul className="plain-list row tag-list" aria-label="Mots-clés">
                {p.tags.map((t) => <li key={t}><Link className="tag" to={`/communautes/${p.community.slug}?motcle=${encodeURIComponent(t)}`}>#{t}</Link></li>)}
              </ul>
            ) : null}
            <p className="muted small">
              {plural(p.commentCount, 'commentaire')} · {p.usefulCount} « utile »
            </p>
          </article>
        </li>
      ))}
    </ul>
  );
}
