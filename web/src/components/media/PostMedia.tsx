import type { Post } from '../../api/types';
import { usePostMedia } from './api';
import { AttachmentsField } from './AttachmentsField';
import { EmbedPlaceholder } from './EmbedPlaceholder';
import { EmbedsField } from './EmbedsField';
import { MediaDisplay } from './MediaDisplay';
import './media.css';

/**
 * Files and embeds of a post, shown under its body; its author also gets a panel to add or
 * remove them after publication (kept apart from the publish form, which each kind extends).
 */
export function PostMedia({ post }: { post: Post }) {
  const media = usePostMedia(post.id);
  const data = media.data;
  if (!data) return null;
  const { attachments, embeds } = data;
  return (
    <>
      {attachments.length > 0 ? (
        <section className="media" aria-labelledby="media-files-title">
          <h2 id="media-files-title" className="media__title">Fichiers joints</h2>
          <MediaDisplay attachments={attachments} />
        </section>
      ) : null}
      {embeds.length > 0 ? (
        <section className="media" aria-labelledby="media-embeds-title">
          <h2 id="media-embeds-title" className="media__title">{embeds.length > 1 ? 'Vidéos et cartes' : embeds[0]!.provider === 'umap' || embeds[0]!.provider === 'openstreetmap' ? 'Carte' : 'Vidéo'}</h2>
          {embeds.map((e) => <EmbedPlaceholder key={e.position} embed={e} />)}
        </section>
      ) : null}
      {data.can.manage ? (
        <details className="media__panel card">
          <summary>Ajouter des fichiers, des vidéos ou des cartes</summary>
          <div className="stack">
            <AttachmentsField postId={post.id} slug={post.community.slug} media={data} />
            <EmbedsField postId={post.id} media={data} />
          </div>
        </details>
      ) : null}
    </>
  );
}
