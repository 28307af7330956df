import { LIMITS } from '../../../../common/limits';
import { useCreateComment } from '../../api/posts';
import type { Comment } from '../../api/types';
import { fullName } from '../../lib/format';
import { Button, Form, TextField, check } from '../../ui';
import { CitePicker } from '../questions/CitePicker';
import { AnonymisationFieldCheck } from '../../components/anonymisation/AnonymisationCheck';

interface Props {
  postId: number;
  replyTo: Comment | null;
  onCancelReply: () => void;
  onSent: () => void;
}

export function CommentForm({ postId, replyTo, onCancelReply, onSent }: Props) {
  const create = useCreateComment(postId);
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
          form.reset();
          onSent();
        }}
      >
        <TextField id="comment-body" name="body" label="Votre commentaire" description="Mise en forme Markdown possible." multiline rows={4} isRequired maxLength={LIMITS.commentBody} />
        <CitePicker postId={postId} targetId="comment-body" />
        <AnonymisationFieldCheck name="body" subject="votre commentaire" />
        <div className="form__actions">
          <Button type="submit" isPending={create.isPending}>Publier le commentaire</Button>
        </div>
      </Form>
    </section>
  );
}
