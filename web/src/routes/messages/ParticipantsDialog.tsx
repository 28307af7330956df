import { useState } from 'react';
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { ApiError } from '../../api/client';
import { useAddParticipants, useLeaveConversation, useRenameConversation, type Conversation } from '../../api/messages';
import { useCurrentUser } from '../../api/session';
import { UserPicker } from '../../components/UserPicker';
import { fullName } from '../../lib/format';
import { Alert, Button, ConfirmDialog, Form, TextField, check } from '../../ui';

/**
 * Who takes part, and for a group what a participant may change: add people (the member picker of
 * a new conversation), rename, leave. What is allowed comes from the API's `can`.
 */
export function ParticipantsDialog({ c }: { c: Conversation }) {
  return (
    <DialogTrigger>
      <Button variant="secondary" small>Participants ({c.participants.length})</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog participants-dialog">
            {({ close }) => <ParticipantsContent c={c} close={close} />}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function ParticipantsContent({ c, close }: { c: Conversation; close: () => void }) {
  const me = useCurrentUser();
  const add = useAddParticipants(c.id);
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const room = LIMITS.conversationMembersMax - c.participants.length;
  return (
    <div className="stack">
      <Heading slot="title">Participants</Heading>
      <ul className="plain-list participants" aria-label="Participants de la conversation">
        {c.participants.map((p) => <li key={p.id}>{p.id === me?.id ? `${fullName(p)} (vous)` : fullName(p)}</li>)}
      </ul>
      {c.kind === 'direct' ? (
        <p className="small muted">Une conversation à deux garde ses deux participants : pour échanger à plusieurs, commencez une nouvelle conversation de groupe.</p>
      ) : null}
      {status ? <Alert tone={status.tone}><p>{status.text}</p></Alert> : null}
      {c.can.addParticipants ? (
        <section className="stack" aria-labelledby={`add-${c.id}`}>
          <h3 id={`add-${c.id}`}>Ajouter des participants</h3>
          <p className="small muted">
            Encore {room} place{room > 1 ? 's' : ''} (au plus {LIMITS.conversationMembersMax} personnes). Les personnes ajoutées lisent la conversation à partir de leur arrivée.
          </p>
          <UserPicker
            label="Rechercher un membre à ajouter"
            actionLabel="Ajouter"
            isPending={add.isPending}
            onPick={async (u) => {
              try {
                await add.mutateAsync([u.id]);
                setStatus({ tone: 'success', text: `${fullName(u)} a été ajouté·e à la conversation.` });
                return true;
              } catch (err) {
                setStatus({ tone: 'error', text: err instanceof ApiError ? err.message : 'Une erreur inattendue est survenue. Réessayez.' });
                return false;
              }
            }}
          />
        </section>
      ) : c.kind === 'group' ? <p className="small muted">Le groupe est complet.</p> : null}
      {c.can.rename ? <RenameForm c={c} onDone={(title) => setStatus({ tone: 'success', text: `Conversation renommée en « ${title} ».` })} /> : null}
      <div className="form__actions">
        {c.can.leave ? <LeaveButton id={c.id} /> : null}
        <Button variant="secondary" onPress={close}>Fermer</Button>
      </div>
    </div>
  );
}

function RenameForm({ c, onDone }: { c: Conversation; onDone: (title: string) => void }) {
  const rename = useRenameConversation(c.id);
  return (
    <section className="stack" aria-labelledby={`rename-${c.id}`}>
      <h3 id={`rename-${c.id}`}>Renommer</h3>
      <Form
        labels={{ title: 'Nom de la conversation' }}
        validate={(v) => check(v, { title: { required: true, max: LIMITS.conversationTitle } })}
        onSubmit={async (v) => {
          const out = await rename.mutateAsync(v.title!.trim());
          onDone(out.title);
        }}
      >
        <TextField name="title" label="Nom de la conversation" defaultValue={c.title} isRequired maxLength={LIMITS.conversationTitle} />
        <div className="form__actions">
          <Button type="submit" variant="secondary" isPending={rename.isPending}>Renommer</Button>
        </div>
      </Form>
    </section>
  );
}

function LeaveButton({ id }: { id: number }) {
  const leave = useLeaveConversation(id);
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <ConfirmDialog
        triggerLabel="Quitter la conversation"
        title="Quitter la conversation ?"
        confirmLabel="Quitter"
        isPending={leave.isPending}
        onConfirm={async () => {
          try {
            await leave.mutateAsync();
            navigate('/messages');
          } catch (err) {
            setError(err instanceof ApiError ? err.message : 'Une erreur inattendue est survenue. Réessayez.');
          }
        }}
      >
        <p>Elle disparaîtra de vos messages et vous ne lirez plus ce qui s’y écrit. Les autres participants verront que vous l’avez quittée.</p>
        <p>Pour y revenir, un participant devra vous ajouter de nouveau.</p>
      </ConfirmDialog>
      {error ? <Alert tone="error"><p>{error}</p></Alert> : null}
    </>
  );
}
