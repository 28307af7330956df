import { LIMITS } from '../../../../common/limits';
import { useCreateComment } from '../../api/posts';
import type { Comment } from '../../api/types';
import { fullName } from '../../lib/format';
import { Button, Form, MarkdownEditor, check } from '../../ui';
import { CitePicker } from '../questions/CitePicker';
import { AnonymisationFieldCheck } from '../../components/anonymisation/AnonymisationCheck';
import { DraftStatus } from '../../components/drafts/DraftStatus';
import { useDraft } from '../../components/drafts/useDraft';

interface Props {
  postId: number;
  /** Whose members `@` suggests. */
  communitySlug: string;
  replyTo: Comment | null;
  onCancelReply: () => void;
  onSent: () => void;
}

export function CommentForm({ postId, communitySlug, replyTo, onCancelReply, onSent }: Props) {
  const create = useCreateComment(postId);
  const draft = useDraft(`comment:${postId}`);
  return (
    <section aria-labelledby="comment-form-title" className="card comment-form">
      <h3 id="comment-form-title" className="card__title">{replyTo ? 'Répondre' : 'Ajouter un commentaire'}</h3>
      {replyTo ? (
        <p className="row comment-form__replyto" role="status">
          <span>En réponse à <a href={`#commentaire-${replyTo.id}`}>{fullName(replyTo.author)}</a></span>
          <Button variant="ghost" small onPress={onCancelReply}>Annuler la réponse</Button>
        </p>
      ) : null}
      <Form
        labels={{ body: 'Votre commentaire' }}
        validate={(v) => check(v, { body: { required: true, max: LIMITS.commentBody } })}
        onSubmit={async (v, _d, form) => {
          await create.mutateAsync({ body: v.body!, ...(replyTo ? { replyToId: replyTo.id } : {}) });
          await draft.discard();
          form.reset();
          onSent();
        }}
      >
        <MarkdownEditor
          key={draft.fieldKey} defaultValue={draft.initial?.body} onChange={draft.save}
          id="comment-body" name="body" label="Votre commentaire" description="Mentionnez un membre avec @." rows={4} isRequired maxLength={LIMITS.commentBody} mentionCommunity={communitySlug} uploadCommunity={communitySlug}
        />
        <DraftStatus draft={draft} />
        <CitePicker postId={postId} targetId="comment-body" />
        <AnonymisationFieldCheck name="body" subject="votre commentaire" />
        <div className="form__actions">
          <Button type="submit" isPending={create.isPending}>Publier le commentaire</Button>
        </div>
      </Form>
    </section>
  );
}
