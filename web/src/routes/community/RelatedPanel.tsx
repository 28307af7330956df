import '../post/kinds/kinds.css';
import { useState } from 'react';
import { Link } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { usePublish, useRelatedPosts } from '../../api/kinds';
import type { Community, PostSummary } from '../../api/types';
import { fullName } from '../../lib/format';
import { KIND_LABELS, KIND_TONES } from '../../lib/kind-labels';
import { Alert, Badge, FormDialog, TextField, check } from '../../ui';

/**
 * Recent posts of the related e-communities: veille across the network. Staff share one into
 * their community in one step, with a commentary (a "partage" post).
 */
export function RelatedPanel({ c }: { c: Community }) {
  const related = useRelatedPosts(c.slug, c.related.length > 0);
  const [shared, setShared] = useState<{ id: number; title: string } | null>(null);
  const items = related.data?.items ?? [];
  if (c.related.length === 0) return null;
  const canShare = c.can.moderate && c.can.post;
  return (
    <section className="card" aria-labelledby="related-title">
      <h2 id="related-title" className="card__title">Dans les e-communautés liées</h2>
      {shared ? (
        <Alert tone="success"><p>Partagé : <Link to={`/publications/${shared.id}`}>{shared.title}</Link></p></Alert>
      ) : null}
      {items.length === 0 ? (
        <p className="muted small">{related.isLoading ? 'Chargement…' : 'Rien de récent dans les e-communautés liées.'}</p>
      ) : (
        <ul className="plain-list related-posts">
          {items.map(({ post, sharedHere }) => (
            <li key={post.id}>
              <p className="small muted"><Badge tone={KIND_TONES[post.kind]}>{KIND_LABELS[post.kind]}</Badge> <Link to={`/communautes/${post.community.slug}`}>{post.community.name}</Link></p>
              <p><Link to={`/publications/${post.id}`}>{post.title}</Link></p>
              <p className="small muted">Par {fullName(post.author)}</p>
              {canShare ? (
                sharedHere ? <p className="small muted">Déjà partagé ici</p> : <ShareDialog slug={c.slug} name={c.name} post={post} onShared={setShared} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p className="small">
        E-communautés liées : {c.related.map((r, i) => (
          <span key={r.id}>{i > 0 ? ', ' : ''}<Link to={`/communautes/${r.slug}`}>{r.name}</Link></span>
        ))}
      </p>
    </section>
  );
}

function ShareDialog({ slug, name, post, onShared }: { slug: string; name: string; post: PostSummary; onShared: (p: { id: number; title: string }) => void }) {
  const publish = usePublish(slug);
  return (
    <FormDialog
      triggerLabel="Partager ici"
      triggerAriaLabel={`Partager « ${post.title} » dans ${name}`}
      small
      title={<>Partager dans {name}</>}
      intro={<p className="small muted">« {post.title} », publié dans {post.community.name} par {fullName(post.author)}.</p>}
      formLabel="Partager la publication"
      labels={{ body: 'Votre commentaire' }}
      validate={(v) => check(v, { body: { required: true, max: LIMITS.postBody } })}
      onSubmit={async (v) => {
        const created = await publish.mutateAsync({ kind: 'partage', sharedPostId: post.id, body: v.body! });
        onShared({ id: created.id, title: created.title });
      }}
      submitLabel="Partager"
      isPending={publish.isPending}
    >
      <TextField name="body" label="Votre commentaire" description="Pourquoi cette publication intéresse vos membres." multiline rows={4} isRequired autoFocus />
    </FormDialog>
  );
}
