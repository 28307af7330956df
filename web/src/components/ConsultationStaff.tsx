import { LIMITS } from '../../../common/limits';
import { plural } from '../lib/format';
import { Alert, Button, ConfirmDialog, Form, TextField, check } from '../ui';

/** What the two staff actions need of their mutation (TanStack Query's result). */
interface Action<T> {
  mutateAsync: (v: T) => Promise<unknown>;
  isPending: boolean;
  error: Error | null;
}

/**
 * « Clore … maintenant » with its confirmation, for a poll or a mini-enquête: both stop taking answers the same way,
 * only the words differ (`what` is « le sondage », `answers` the count and its noun).
 */
export function CloseNow({ what, answers, close }: {
  what: { the: string; this: string };
  answers: { count: number; noun: string };
  close: Action<void>;
}) {
  return (
    <div>
      <ConfirmDialog
        small
        triggerVariant="secondary"
        triggerLabel={`Clore ${what.the} maintenant`}
        title={`Clore ${what.this} ?`}
        confirmLabel={`Clore ${what.the}`}
        isPending={close.isPending}
        onConfirm={() => close.mutateAsync().then(() => undefined, () => undefined)}
      >
        <p>Plus personne ne pourra répondre. {plural(answers.count, answers.noun)} à ce jour.</p>
      </ConfirmDialog>
      {close.error ? <Alert tone="error"><p>{close.error.message}</p></Alert> : null}
    </div>
  );
}

/** The animation's commentary, published with the results as a new post of the e-communauté. */
export function PublishResultsForm({ published, publish }: { published: string; publish: Action<string> }) {
  return (
    <Form
      aria-label="Publier les résultats"
      labels={{ commentary: 'Commentaire de l’animation' }}
      validate={(v) => check(v, { commentary: { required: true, max: LIMITS.pollCommentary } })}
      onSubmit={async (v) => { await publish.mutateAsync(v.commentary!); }}
    >
      <TextField
        name="commentary"
        label="Commentaire de l’animation"
        description={`Publié avec ${published}, comme une nouvelle publication de l’e-communauté. Markdown accepté.`}
        multiline
        rows={5}
        isRequired
        maxLength={LIMITS.pollCommentary}
      />
      <div className="form__actions"><Button type="submit" isPending={publish.isPending}>Publier les résultats</Button></div>
    </Form>
  );
}
