import { LIMITS } from '../../../../common/limits';
import { Button, Form, TextField, check, type Errors, type Values } from '../../ui';
import type { Dossier, DossierInput } from './api';

const LABELS = { title: 'Titre', intro: 'Introduction', coverUrl: 'Image de couverture (adresse)', coverAlt: 'Texte alternatif de l’image' };

function validate(v: Values): Errors {
  const errors = check(v, {
    title: { required: true, max: LIMITS.dossierTitle },
    intro: { max: LIMITS.dossierIntro },
    coverUrl: { max: LIMITS.coverUrl },
    coverAlt: { max: LIMITS.coverAlt },
  });
  const url = (v.coverUrl ?? '').trim();
  if (url && !/^https:\/\/\S+$/.test(url)) errors.coverUrl = 'Indiquez une adresse commençant par https://.';
  if (url && !(v.coverAlt ?? '').trim()) errors.coverAlt = 'Décrivez l’image pour les personnes qui ne la voient pas.';
  return errors;
}

/** Create or edit a dossier: title, Markdown introduction, optional cover with its required text alternative. */
export function DossierForm({ dossier, submitLabel, onSubmit, pending, label }: {
  dossier?: Dossier;
  submitLabel: string;
  label: string;
  pending: boolean;
  onSubmit: (input: DossierInput & { title: string }) => Promise<unknown>;
}) {
  return (
    <Form
      aria-label={label}
      labels={LABELS}
      validate={validate}
      onSubmit={async (v, _d, form) => {
        const url = (v.coverUrl ?? '').trim();
        await onSubmit({ title: v.title!.trim(), intro: v.intro ?? '', coverUrl: url || null, coverAlt: url ? v.coverAlt!.trim() : null });
        if (!dossier) form.reset();
      }}
    >
      <TextField name="title" label={LABELS.title} isRequired maxLength={LIMITS.dossierTitle} wide defaultValue={dossier?.title} />
      <TextField name="intro" label={LABELS.intro} description="Présentez le dossier : pourquoi ces publications, dans quel ordre les lire. Markdown accepté." multiline rows={5} maxLength={LIMITS.dossierIntro} defaultValue={dossier?.introMd} />
      <TextField name="coverUrl" type="url" label={`${LABELS.coverUrl} (facultatif)`} description="Adresse https d’une image." maxLength={LIMITS.coverUrl} wide defaultValue={dossier?.cover?.url ?? ''} />
      <TextField name="coverAlt" label={LABELS.coverAlt} description="Obligatoire si une image est indiquée : décrivez ce qu’elle montre." maxLength={LIMITS.coverAlt} wide defaultValue={dossier?.cover?.alt ?? ''} />
      <div className="form__actions">
        <Button type="submit" isPending={pending}>{submitLabel}</Button>
      </div>
    </Form>
  );
}
