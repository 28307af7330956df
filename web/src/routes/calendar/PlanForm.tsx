import { useRef, useState } from 'react';
import { LIMITS } from '../../../../common/limits';
import type { ArticleType } from '../../api/types';
import { ARTICLE_TYPE_LABELS, KIND_LABELS } from '../../lib/kind-labels';
import { Button, Card, Form, Select, TextField, check } from '../../ui';
import { PLANNABLE_KINDS, useCancelPlanned, useCreatePlanned, useUpdatePlanned, type PlannableKind, type PlannedPayload, type PlannedPost } from './api';
import { today } from './dates';
import { useFieldId } from '../../ui/Form';

export interface PlanDefaults {
  title?: string;
  kind?: PlannableKind;
  date?: string;
  time?: string;
  slotId?: number | null;
}

interface Props {
  slug: string;
  /** The planned post being edited, or null to plan a new one. */
  editing: PlannedPost | null;
  defaults: PlanDefaults;
  onDone: (message: string) => void;
  onClose: () => void;
}

/** Plan a post: a dated draft, or a publication programmed at a date and time (Paris). */
export function PlanForm({ slug, editing, defaults, onDone, onClose }: Props) {
  const create = useCreatePlanned(slug);
  const update = useUpdatePlanned(slug);
  const cancel = useCancelPlanned(slug);
  const intent = useRef<'scheduled' | 'draft'>('scheduled');
  const local = editing?.plannedAtLocal;
  const initialKind = editing?.kind ?? defaults.kind ?? 'discussion';
  // The kind decides which fields follow: an article's type, a veille's or a ressource's link and source.
  const [kind, setKind] = useState<PlannableKind>(initialKind);
  // Read across kinds: the form may switch the kind, and keeps what it can of the planned post's fields.
  const kept: PlannedPayload = editing?.payload ?? {};
  const linked = kind === 'veille' || kind === 'ressource';
  const title = editing ? `Modifier « ${editing.title} »` : 'Planifier une publication';

  return (
    <Card as="section" className="plan-form">
      <h2 id="plan-form-title" className="card__title" tabIndex={-1}>{title}</h2>
      <Form
        key={editing?.id ?? JSON.stringify(defaults)}
        aria-labelledby="plan-form-title"
        labels={{
          title: 'Titre', kind: 'Type', body: 'Texte', date: 'Date', time: 'Heure', plannedAt: 'Date et heure',
          'payload.articleType': 'Type d’article', 'payload.link.url': 'Lien', 'payload.link': 'Lien', articleType: 'Type d’article', linkUrl: 'Lien',
        }}
        validate={(v) => {
          const errors = check(v, { title: { required: true, max: LIMITS.postTitle }, date: { required: true }, time: { required: true } });
          if (intent.current === 'scheduled' && !v.body?.trim()) errors.body = 'Rédigez le texte avant de programmer la publication.';
          if (intent.current === 'scheduled' && kind === 'article' && !v.articleType) errors.articleType = 'Choisissez le type d’article avant de programmer la publication.';
          if (intent.current === 'scheduled' && linked && !v.linkUrl?.trim()) errors.linkUrl = 'Indiquez le lien avant de programmer la publication.';
          return errors;
        }}
        onSubmit={async (v) => {
          // Rubrique and tags chosen elsewhere are kept; the kind's own fields are those of the form.
          const payload: PlannedPayload = { ...(kept.rubriqueId != null ? { rubriqueId: kept.rubriqueId } : {}), ...(kept.tags ? { tags: kept.tags } : {}) };
          if (kind === 'article' && v.articleType) payload.articleType = v.articleType as ArticleType;
          if (linked && v.linkUrl?.trim()) payload.link = { ...kept.link, url: v.linkUrl.trim(), source: v.linkSource?.trim() || undefined };
          const input = {
            title: v.title!.trim(), kind, body: v.body ?? '', payload,
            plannedAt: `${v.date}T${v.time}`, status: intent.current,
            ...(editing ? {} : { slotId: defaults.slotId ?? null }),
          };
          if (editing) await update.mutateAsync({ id: editing.id, ...input });
          else await create.mutateAsync(input);
          onDone(intent.current === 'scheduled'
            ? `« ${input.title} » sera publiée automatiquement le ${(v.date ?? '').split('-').reverse().join('/')} à ${v.time}.`
            : `Brouillon « ${input.title} » enregistré.`);
        }}
      >
        <TextField name="title" label="Titre" isRequired maxLength={LIMITS.postTitle} wide defaultValue={editing?.title ?? defaults.title ?? ''} />
        <Select name="kind" label="Type" options={PLANNABLE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          defaultValue={initialKind} onChange={(value) => setKind(value as PlannableKind)} />
        {kind === 'article' ? (
          <Select name="articleType" label="Type d’article" placeholder="Choisir…"
            options={Object.entries(ARTICLE_TYPE_LABELS).map(([value, label]) => ({ value, label }))} defaultValue={kept.articleType ?? ''} />
        ) : null}
        {linked ? (
          <div className="row">
            <TextField name="linkUrl" label="Lien" type="url" maxLength={LIMITS.linkUrl} defaultValue={kept.link?.url ?? ''} />
            <TextField name="linkSource" label="Source (facultatif)" maxLength={LIMITS.linkSource} defaultValue={kept.link?.source ?? ''} />
          </div>
        ) : null}
        <TextField name="body" label="Texte (facultatif pour un brouillon)" multiline rows={6} maxLength={LIMITS.postBody}
          description="Mise en forme Markdown : **gras**, *italique*, listes avec « - »." defaultValue={editing?.body ?? ''} />
        <div className="row plan-form__when">
          <TextField name="date" label="Date" type="date" isRequired defaultValue={local?.slice(0, 10) ?? defaults.date ?? today()} />
          <TimeField defaultValue={local?.slice(11) ?? defaults.time ?? '09:00'} />
        </div>
        <p className="muted small">Heure de Paris. Une publication programmée est mise en ligne automatiquement, même si personne n’est connecté.</p>
        <div className="form__actions row">
          <button type="submit" className="btn" onClick={() => { intent.current = 'scheduled'; }}>Programmer</button>
          <button type="submit" className="btn btn--secondary" onClick={() => { intent.current = 'draft'; }}>Enregistrer en brouillon</button>
          {editing?.can.cancel ? (
            <Button variant="danger" isPending={cancel.isPending} onPress={async () => {
              await cancel.mutateAsync(editing.id);
              onDone(`« ${editing.title} » est annulée.`);
            }}>Annuler cette publication</Button>
          ) : null}
          <Button variant="ghost" onPress={onClose}>Fermer</Button>
        </div>
      </Form>
    </Card>
  );
}

/** A native time input wearing the design system's field styles. */
function TimeField({ defaultValue }: { defaultValue: string }) {
  const field = useFieldId('time');
  return (
    <div className="field">
      <label className="field__label" htmlFor={field.id}>Heure</label>
      <input id={field.id} name="time" type="time" className="input" required defaultValue={defaultValue}
        aria-invalid={field.error ? true : undefined} aria-describedby={field.error ? `${field.id}-err` : undefined} />
      {field.error ? <span id={`${field.id}-err`} className="field__error">{field.error}</span> : null}
    </div>
  );
}
