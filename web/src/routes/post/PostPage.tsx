import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ToggleButton } from 'react-aria-components';
import { useDeletePost, usePost, useUseful } from '../../api/posts';
import type { Post } from '../../api/types';
import { formatDateTime, fullName, plural } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, ConfirmDialog, Icon } from '../../ui';
import { PageQuery } from '../../components/PageQuery';
import { NotFound } from '../not-found/NotFoundPage';
import { Comments } from './Comments';
import { EditPostForm } from './EditPostForm';
import { Revisions } from './Revisions';
import { KindDetails } from './kinds/KindDetails';
import { PostMedia } from '../../components/media/PostMedia';
import { FlagButton } from '../moderation/FlagButton';
import { RestoreButton } from '../moderation/RestoreButton';
import { useBookmark } from '../../api/reading';

export default function PostPage() {
  const id = Number(useParams().id);
  const post = usePost(Number.isInteger(id) ? id : 0);
  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  return <PageQuery query={post} loading="Chargement de la publication…">{(p) => <PostView post={p} />}</PageQuery>;
}

function PostView({ post }: { post: Post }) {
  useTitle(post.title);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <article className="post" aria-labelledby="post-title">
      <p className="small muted"><Link to={`/communautes/${post.community.slug}`}>{post.community.name}</Link> ›</p>
      <h1 id="post-title">{post.title}</h1>
      <p className="muted post__meta">
        Par <Link to={`/membres/${post.author.id}`}>{fullName(post.author)}</Link>
        , publié le{' '}
        <time dateTime={post.createdAt}>{formatDateTime(post.createdAt)}</time>
        {post.editedAt ? (
          <> · <a href="#historique">modifié le <time dateTime={post.editedAt}>{formatDateTime(post.editedAt)}</time></a></>
        ) : null}
        {post.moderatedAt ? <> · <span className="badge badge--info">modéré</span></> : null}
      </p>
      {post.hidden ? (
        <Alert tone="warning">
          <p><strong>Cette publication est masquée par la modération</strong> : les autres membres ne la voient plus.</p>
          {post.hidden.reason ? <p>Motif : {post.hidden.reason}</p> : null}
          <RestoreButton type="post" id={post.id} title={post.title} canModerate={post.can.moderate} />
        </Alert>
      ) : null}
      {saved && !editing ? <Alert tone="success"><p>La publication a été modifiée.</p></Alert> : null}
      {editing ? (
        <EditPostForm
          post={post}
          onDone={(changed) => {
            setEditing(false);
            setSaved(changed);
          }}
        />
      ) : (
        <>
          <KindDetails post={post} />
          <div className="prose post__body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
          <PostMedia post={post} />
          <PostActions post={post} onEdit={() => { setSaved(false); setEditing(true); }} />
        </>
      )}
      {post.editedAt ? <Revisions postId={post.id} /> : null}
      <Comments post={post} />
    </article>
  );
}

function PostActions({ post, onEdit }: { post: Post; onEdit: () => void }) {
  const useful = useUseful(post.id);
  const remove = useDeletePost(post.id);
  const navigate = useNavigate();
  return (
    <div className="stack">
      <div className="row post__actions">
        {post.can.markUseful ? (
          <ToggleButton
            className="btn btn--secondary btn--small"
            isSelected={post.usefulByMe}
            isDisabled={useful.isPending}
            onChange={(selected) => useful.mutate(selected)}
          >
            <Icon name="thumbUp" /> Utile ({post.usefulCount})
          </ToggleButton>
        ) : (
          <span className="muted small">
            {post.usefulCount === 0 ? 'Pas encore marquée comme utile' : `Utile pour ${plural(post.usefulCount, 'membre')}`}
          </span>
        )}
        {post.bookmarked !== undefined ? <BookmarkButton post={post} /> : null}
        {post.can.edit ? <Button variant="secondary" small onPress={onEdit}>Modifier</Button> : null}
        <FlagButton type="post" id={post.id} authorId={post.author.id} />
        {post.can.delete ? (
          <ConfirmDialog
            small
            triggerLabel="Supprimer"
            title="Supprimer cette publication ?"
            confirmLabel="Supprimer définitivement"
            isPending={remove.isPending}
            onConfirm={() =>
              remove.mutateAsync().then(
                () => navigate(`/communautes/${post.community.slug}`),
                () => undefined,
              )
            }
          >
            <p>La publication « {post.title} » et ses commentaires ne seront plus visibles. Cette action est enregistrée.</p>
          </ConfirmDialog>
        ) : null}
      </div>
      {useful.error ? <Alert tone="error"><p>{useful.error.message}</p></Alert> : null}
      {remove.error ? <Alert tone="error"><p>{remove.error.message}</p></Alert> : null}
    </div>
  );
}

/** « Enregistrer »: keeps the post in « Mes enregistrements ». */
function BookmarkButton({ post }: { post: Post }) {
  const bookmark = useBookmark(post.id);
  return (
    <>
      <ToggleButton
        className="btn btn--secondary btn--small"
        isSelected={Boolean(post.bookmarked)}
        isDisabled={bookmark.isPending}
        onChange={(selected) => bookmark.mutate(selected)}
      >
        <Icon name="bookmark" filled={Boolean(post.bookmarked)} /> Enregistrer
      </ToggleButton>
      {bookmark.error ? <span className="small field__error" role="alert">{bookmark.error.message}</span> : null}
    </>
  );
}
