import { useState } from 'react';
import { Dialog, DialogTrigger, FieldError, Heading, Label, Modal, ModalOverlay, Radio, RadioGroup } from 'react-aria-components';
import { useCurrentUser } from '../../api/session';
import { Button, Form, QueryState, TextField } from '../../ui';
import { useFlag, useReasons, type ItemType } from './api';
import './moderation.css';

interface Props {
  type: ItemType;
  id: number;
  authorId: number;
  /** Accessible name of the trigger, e.g. "Signaler le commentaire de Camille Martin". */
  ariaLabel?: string;
}

/** "Signaler": any signed-in reader flags someone else's post or comment with a reason from the charter. */
export function FlagButton({ type, id, authorId, ariaLabel }: Props) {
  const me = useCurrentUser();
  const [done, setDone] = useState<string | null>(null);
  if (!me || me.id === authorId) return null;
  return (
    <>
      <DialogTrigger onOpenChange={(open) => { if (open) setDone(null); }}>
        <Button variant="ghost" small aria-label={ariaLabel}>Signaler</Button>
        <ModalOverlay className="modal-overlay" isDismissable>
          <Modal className="modal modal--scroll">
            <Dialog className="dialog">
              {({ close }) => (
                <>
                  <Heading slot="title">{type === 'post' ? 'Signaler cette publication' : 'Signaler ce commentaire'}</Heading>
                  <FlagForm type={type} id={id} onCancel={close} onDone={(message) => { setDone(message); close(); }} />
                </>
              )}
            </Dialog>
          </Modal>
        </ModalOverlay>
      </DialogTrigger>
      {done ? <span role="status" className="small flag-done">{done}</span> : null}
    </>
  );
}

function FlagForm({ type, id, onCancel, onDone }: { type: ItemType; id: number; onCancel: () => void; onDone: (message: string) => void }) {
  const reasons = useReasons();
  const flag = useFlag(type, id);
  return (
    <QueryState query={reasons} loading="Chargement des motifs…">
      {(items) => (
        <Form
          labels={{ reasonCode: 'Motif', comment: 'Précisions' }}
          validate={(v): Record<string, string> => (v.reasonCode ? {} : { reasonCode: 'Choisissez un motif.' })}
          onSubmit={async (v) => {
            try {
              await flag.mutateAsync({ reasonCode: v.reasonCode!, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) });
              onDone('Merci : votre signalement a été transmis à l’équipe d’animation.');
            } catch (err) {
              if ((err as { code?: string }).code === 'ALREADY_FLAGGED') return onDone('Vous aviez déjà signalé ce contenu : il est en cours d’examen.');
              throw err;
            }
          }}
        >
          <p className="small muted">L’équipe d’animation examine chaque signalement au regard des CGU et de la charte éditoriale. L’auteur·e ne sait pas qui l’a signalé.</p>
          <RadioGroup name="reasonCode" isRequired className="field field--wide reason-group">
            <Label className="field__label">Motif du signalement</Label>
            {items.map((r) => (
              <Radio key={r.code} value={r.code} className="reason-radio">
                <span className="reason-radio__label">{r.label}</span>
                {r.description ? <span className="small muted reason-radio__desc">{r.description}</span> : null}
              </Radio>
            ))}
            <FieldError className="field__error" />
          </RadioGroup>
          <TextField name="comment" label="Précisions (facultatif)" multiline rows={3} maxLength={1000} />
          <div className="form__actions">
            <Button type="submit" isPending={flag.isPending}>Envoyer le signalement</Button>
            <Button variant="secondary" onPress={onCancel}>Annuler</Button>
          </div>
        </Form>
      )}
    </QueryState>
  );
}
