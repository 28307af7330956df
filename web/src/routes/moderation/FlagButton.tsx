import { useState } from 'react';
import { FieldError, Label, Radio, RadioGroup } from 'react-aria-components';
import { useCurrentUser } from '../../api/session';
import { FormDialog, TextField } from '../../ui';
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
  // The reasons load once the dialog opens, not for every item of the page.
  const [open, setOpen] = useState(false);
  const reasons = useReasons(false, open);
  const flag = useFlag(type, id);
  if (!me || me.id === authorId) return null;
  return (
    <>
      <FormDialog
        triggerLabel="Signaler"
        triggerAriaLabel={ariaLabel}
        triggerVariant="ghost"
        small
        onOpenChange={(isOpen) => { setOpen(isOpen); if (isOpen) setDone(null); }}
        title={type === 'post' ? 'Signaler cette publication' : 'Signaler ce commentaire'}
        modalClassName="modal--scroll"
        query={reasons}
        loading="Chargement des motifs…"
        labels={{ reasonCode: 'Motif', comment: 'Précisions' }}
        validate={(v): Record<string, string> => (v.reasonCode ? {} : { reasonCode: 'Choisissez un motif.' })}
        onSubmit={async (v) => {
          try {
            await flag.mutateAsync({ reasonCode: v.reasonCode!, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) });
            setDone('Merci : votre signalement a été transmis à l’équipe d’animation.');
          } catch (err) {
            if ((err as { code?: string }).code === 'ALREADY_FLAGGED') return setDone('Vous aviez déjà signalé ce contenu : il est en cours d’examen.');
            throw err;
          }
        }}
        submitLabel="Envoyer le signalement"
        isPending={flag.isPending}
      >
        {(items) => (
          <>
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
          </>
        )}
      </FormDialog>
      {done ? <span role="status" className="small flag-done">{done}</span> : null}
    </>
  );
}
