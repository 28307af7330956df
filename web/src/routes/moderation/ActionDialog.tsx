import { useState } from 'react';
import { Alert, FormDialog, Select, TextField } from '../../ui';
import { useAct, useReasons, type FlagReason, type ModerationAction, type QueueItem } from './api';
import { ACTION_LABELS } from './labels';
import { AnonymisationFieldCheck } from '../../components/anonymisation/AnonymisationCheck';

const NEEDS_BODY: ModerationAction[] = ['edit', 'anonymise'];
/** Restoring needs no rule of the charter: the reason, if any, goes in the message. */
const NEEDS_REASON = (action: ModerationAction) => action !== 'keep' && action !== 'unhide';
/** Someone else decided on the item meanwhile: the dialog says so instead of failing. */
const CONFLICTS = ['ALREADY_HANDLED', 'ALREADY_HIDDEN', 'NOT_HIDDEN', 'ALREADY_DELETED'];

/** What a decision needs to know about its item: a queue card, or a post or comment seen on its page. */
export type ActionItem = Pick<QueueItem, 'type' | 'id' | 'title' | 'bodyMd'> & { reasons: Pick<QueueItem['reasons'][number], 'code'>[] };

const EXPLAIN: Record<ModerationAction, string> = {
  keep: 'Le contenu reste en ligne et les signalements sont classés. L’auteur·e n’est pas prévenu·e.',
  hide: 'Les autres membres ne verront plus ce contenu ; son auteur·e le voit toujours, avec le motif.',
  unhide: 'Le contenu redevient visible de tous les membres. L’auteur·e en est prévenu·e, avec votre message s’il y en a un.',
  edit: 'Le texte est remplacé par votre version, avec la mention « modéré ». L’ancienne version reste dans l’historique.',
  anonymise: 'Retirez les noms, coordonnées et détails qui permettent d’identifier une personne ; le contenu portera la mention « modéré ».',
  delete: 'Le contenu est retiré de l’e-communauté. La suppression est enregistrée au journal.',
  warn: 'Le contenu ne change pas : l’auteur·e reçoit votre message par courriel.',
  suspend: 'L’auteur·e ne pourra plus publier ni commenter dans cette e-communauté pendant la durée choisie.',
  ban: 'Le compte ne pourra plus se connecter au réseau et ses sessions sont fermées.',
};

/**
 * One moderation decision: reason, message to the author, and what the action needs. From the queue
 * (`fromQueue`), the flags seen there must still be pending when the decision arrives.
 */
export function ActionDialog({ item, action, isAdmin, fromQueue = true, onOpenChange }: {
  item: ActionItem; action: ModerationAction; isAdmin: boolean; fromQueue?: boolean; onOpenChange?: (open: boolean) => void;
}) {
  const [outcome, setOutcome] = useState<string | null>(null);
  // The reasons load once the dialog opens, not for every card of the queue.
  const [open, setOpen] = useState(false);
  const reasons = useReasons(false, open);
  const act = useAct(item.type, item.id);
  if (action === 'ban' && !isAdmin) return null;
  const label = ACTION_LABELS[action];
  const destructive = action === 'delete' || action === 'ban';
  return (
    <FormDialog
      triggerLabel={label}
      triggerAriaLabel={`${label} : ${item.type === 'post' ? 'publication' : 'commentaire'} « ${item.title} »`}
      triggerVariant={destructive ? 'danger' : 'secondary'}
      small
      onOpenChange={(isOpen) => {
        setOpen(isOpen);
        onOpenChange?.(isOpen);
      }}
      title={label}
      modalClassName="modal--scroll"
      intro={
        <>
          <p>{EXPLAIN[action]}</p>
          {outcome ? <Alert tone="error"><p>{outcome}</p></Alert> : null}
        </>
      }
      query={reasons}
      loading="Chargement des motifs…"
      labels={{ reasonCode: 'Motif', message: 'Message à l’auteur·e', body: 'Nouveau texte', days: 'Durée' }}
      validate={(v) => {
        const e: Record<string, string> = {};
        if (NEEDS_REASON(action) && !v.reasonCode) e.reasonCode = 'Choisissez le motif de la décision.';
        if (action === 'warn' && !v.message?.trim()) e.message = 'Écrivez le message d’avertissement.';
        if (NEEDS_BODY.includes(action) && !v.body?.trim()) e.body = 'Indiquez le nouveau texte.';
        if (action === 'suspend' && !(Number(v.days) >= 1 && Number(v.days) <= 365)) e.days = 'Entre 1 et 365 jours.';
        return e;
      }}
      onSubmit={async (v) => {
        try {
          await act.mutateAsync({
            action, fromQueue,
            ...(NEEDS_REASON(action) ? { reasonCode: v.reasonCode } : {}),
            ...(v.message?.trim() ? { message: v.message.trim() } : {}),
            ...(NEEDS_BODY.includes(action) ? { body: v.body } : {}),
            ...(action === 'suspend' ? { days: Number(v.days) } : {}),
          });
        } catch (err) {
          // Someone else decided meanwhile: the dialog stays open and says so.
          if (CONFLICTS.includes((err as { code?: string }).code ?? '')) {
            setOutcome((err as Error).message);
            return false;
          }
          throw err;
        }
      }}
      submitLabel="Confirmer"
      submitVariant={destructive ? 'danger' : 'primary'}
      isPending={act.isPending}
    >
      {/* The reasons are loaded before the form renders, so the native select starts on the most cited one. */}
      {(reasons) => <ActionFields item={item} action={action} reasons={reasons} />}
    </FormDialog>
  );
}

function ActionFields({ item, action, reasons }: { item: ActionItem; action: ModerationAction; reasons: FlagReason[] }) {
  const options = reasons.map((r) => ({ value: r.code, label: r.article ? `${r.label} (${r.article})` : r.label }));
  return (
    <>
      {NEEDS_REASON(action) ? (
        <Select name="reasonCode" label="Motif (article des CGU ou de la charte)" options={options} defaultValue={item.reasons[0]?.code} isRequired placeholder="Choisir un motif" />
      ) : null}
      {NEEDS_BODY.includes(action) ? (
        <TextField name="body" label="Nouveau texte" multiline rows={8} isRequired defaultValue={item.bodyMd} maxLength={50_000} />
      ) : null}
      {action === 'anonymise' ? <AnonymisationFieldCheck name="body" subject="ce contenu" /> : null}
      {action === 'suspend' ? <TextField name="days" type="text" label="Durée de la suspension, en jours" defaultValue="7" isRequired /> : null}
      {action !== 'keep' ? (
        <TextField name="message" label={action === 'warn' ? 'Message d’avertissement' : 'Message à l’auteur·e (facultatif)'}
          description="Envoyé par courriel avec le motif et l’article concerné." multiline rows={3} maxLength={2000} isRequired={action === 'warn'} />
      ) : null}
    </>
  );
}
