import { Link } from 'react-router';
import type { Post } from '../../../api/types';
import { formatDateTime, fullName } from '../../../lib/format';
import { ARTICLE_TYPE_LABELS, KIND_LABELS, KIND_TONES } from '../../../lib/kind-labels';
import { Badge } from '../../../ui';
import { CnfptBadges, CnfptCatalogueLink } from '../../../components/cnfpt/CnfptResource';
import './kinds.css';

/** What article, veille, ressource and partage posts show above their body. */

export function ArticleDetails({ post }: { post: Post }) {
  return (
    <p className="kind-details">
      <Badge tone="info">Article</Badge>
      {post.articleType ? <span> · {ARTICLE_TYPE_LABELS[post.articleType]}</span> : null}
      <PostTags post={post} />
    </p>
  );
}

/** Veille and ressource: the link first, with its source and description. */
export function LinkDetails({ post }: { post: Post }) {
  const link = post.link;
  return (
    <div className="kind-details">
      <p>
        {post.cnfpt ? <CnfptBadges cnfpt={post.cnfpt} /> : <Badge tone={KIND_TONES[post.kind]}>{KIND_LABELS[post.kind]}</Badge>}
        <PostTags post={post} />
      </p>
      {link ? (
        <aside className={`link-card${post.cnfpt ? ' post-card--cnfpt' : ''}`} aria-label={post.kind === 'veille' ? 'Lien de la veille' : post.cnfpt ? 'Ressource CNFPT' : 'Ressource'}>
          <p className="link-card__title">
            <a href={link.url} rel="noopener noreferrer nofollow" target="_blank">
              {link.title ?? link.url}<span className="visually-hidden"> (nouvelle fenêtre)</span>
            </a>
          </p>
          {link.description ? <p className="small">{link.description}</p> : null}
          <p className="small muted">
            {link.source ? <>Source : {link.source} · </> : null}
            <span className="link-card__host">{hostOf(link.url)}</span>
          </p>
          {post.cnfpt ? <CnfptCatalogueLink cnfpt={post.cnfpt} title={post.title} /> : null}
        </aside>
      ) : null}
      {post.kind === 'veille' ? <h2 className="kind-details__comment">Le commentaire de l’animation</h2> : null}
    </div>
  );
}

export function ShareDetails({ post }: { post: Post }) {
  const original = post.shared;
  return (
    <div className="kind-details">
      <p><Badge tone="neutral">Partage</Badge> <PostTags post={post} /></p>
      {original ? (
        <aside className="link-card" aria-label="Publication partagée">
          <p className="small muted">
            Publié dans <Link to={`/communautes/${original.community.slug}`}>{original.community.name}</Link> par{' '}
            <Link to={`/membres/${original.author.id}`}>{fullName(original.author)}</Link>, le{' '}
            <time dateTime={original.createdAt}>{formatDateTime(original.createdAt)}</time>
          </p>
          <p className="link-card__title">
            <Badge tone={KIND_TONES[original.kind]}>{KIND_LABELS[original.kind]}</Badge>{' '}
            <Link to={`/publications/${original.id}`}>{original.title}</Link>
          </p>
          {original.excerpt ? <p className="small">{original.excerpt}</p> : null}
          <p className="small"><Link to={`/publications/${original.id}`}>Lire la publication d’origine et ses commentaires</Link></p>
        </aside>
      ) : (
        <p className="muted small">La publication d’origine n’est plus disponible.</p>
      )}
    </div>
  );
}

function PostTags({ post }: { post: Post }) {
  if (post.tags.length === 0 && !post.rubrique) return null;
  return (
    <>
      {post.rubrique ? <span className="muted"> · Rubrique : {post.rubrique.name}</span> : null}
      {post.tags.map((t) => (
        <span key={t}> <Link className="tag" to={`/communautes/${post.community.slug}?motcle=${encodeURIComponent(t)}`}>#{t}</Link></span>
      ))}
    </>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
