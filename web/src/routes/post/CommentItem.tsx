import { useState } from 'react';
import { Link } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { useDeleteComment, useUpdateComment } from '../../api/posts';
import type { Comment } from '../../api/types';
import { formatDateTime, fullName } from '../../lib/format';
import { Alert, Button, ConfirmDialog, Form, MarkdownEditor, check } from '../../ui';
import { SolutionAction } from '../questions/SolutionAction';
import { FlagButton } from '../moderation/FlagButton';
import { RestoreButton } from '../moderation/RestoreButton';

interface Props {
  comment: Comment;
  postId: number;
  parent?: Comment;
  canReply: boolean;
  onReply: () => void;
}

export function CommentItem({ comment: c, postId, parent, canReply, onReply }: Props) {
  const [editing, setEditing] = useState(false);
  const update = useUpdateComment(postId);
  const remove = useDeleteComment(postId);
  const author = fullName(c.author);
  return (
    <li id={`commentaire-${c.id}`} className={`comment card${c.replyToId ? ' comment--reply' : ''}`}>
      <article aria-label={`Commentaire de ${author}`}>
        <p className="small muted comment__meta">
          <Link to={`/membres/${c.author.id}`}><strong>{author}</strong></Link>, le{' '}
          <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
          {c.editedAt ? <> (modifié le <time dateTime={c.editedAt}>{formatDateTime(c.editedAt)}</time>)</> : null}
          {c.moderatedAt ? <> · <span className="badge badge--info">modéré</span></> : null}
        </p>
        {c.replyToId ? (
          <p className="small comment__replyto">
            En réponse à <a href={`#commentaire-${c.replyToId}`}>{parent ? fullName(parent.author) : 'un commentaire'}</a>
          </p>
        ) : null}
        {c.hidden && !c.deleted ? (
          <>
            <p className="muted"><em>{c.hidden.reason ? `Ce commentaire est masqué par la modération (les autres membres ne le voient plus). Motif : ${c.hidden.reason}` : 'Ce commentaire a été masqué par la modération.'}</em></p>
            {c.hidden.reason ? <RestoreButton type="comment" id={c.id} title={`commentaire de ${author}`} canModerate={c.can.moderate} /> : null}
          </>
        ) : null}
        {c.deleted ? (
          <p className="muted"><em>Ce commentaire a été supprimé.</em></p>
        ) : c.hidden && !c.hidden.reason ? null : editing ? (
          <Form
            labels={{ body: 'Modifier le commentaire' }}
            validate={(v) => check(v, { body: { required: true, max: LIMITS.commentBody } })}
            onSubmit={async (v) => {
              await update.mutateAsync({ id: c.id, body: v.body! });
              setEditing(false);
            }}
          >
            <MarkdownEditor name="body" label="Modifier le commentaire" rows={4} isRequired defaultValue={c.bodyMd} maxLength={LIMITS.commentBody} autoFocus />
            <div className="form__actions">
              <Button type="submit" small isPending={update.isPending}>Enregistrer</Button>
              <Button variant="secondary" small onPress={() => setEditing(false)}>Annuler</Button>
            </div>
          </Form>
        ) : (
          <div className="prose" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
        )}
        {!c.deleted && !editing ? (
          <div className="row comment__actions">
            <SolutionAction postId={postId} comment={c} />
            {canReply ? <Button variant="ghost" small onPress={onReply} aria-label={`Répondre à ${author}`}>Répondre</Button> : null}
            {c.can.edit ? <Button variant="ghost" small onPress={() => setEditing(true)} aria-label={`Modifier le commentaire de ${author}`}>Modifier</Button> : null}
            <FlagButton type="comment" id={c.id} authorId={c.author.id} ariaLabel={`Signaler le commentaire de ${author}`} />
            {c.can.delete ? (
              <ConfirmDialog
                small
                triggerVariant="ghost"
                triggerLabel="Supprimer"
                triggerAriaLabel={`Supprimer le commentaire de ${author}`}
                title="Supprimer ce commentaire ?"
                confirmLabel="Supprimer le commentaire"
                isPending={remove.isPending}
                onConfirm={() => remove.mutateAsync(c.id).catch(() => undefined)}
              >
                <p>Le commentaire restera à sa place avec la mention « Ce commentaire a été supprimé ».</p>
              </ConfirmDialog>
            ) : null}
          </div>
        ) : null}
        {remove.error ? <Alert tone="error"><p>{remove.error.message}</p></Alert> : null}
      </article>
    </li>
  );
}
