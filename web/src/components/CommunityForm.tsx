import { Checkbox as AriaCheckbox, CheckboxGroup, Label } from 'react-aria-components';
import { LIMITS } from '../../../common/limits';
import { useCommunities, useCreateCommunity, useUpdateCommunity } from '../api/communities';
import type { Community, CommunityInput, CommunityStatus, CommunityUpdate } from '../api/types';
import { STATUS_LABELS } from '../lib/labels';
import { Button, Form, Select, TextField, check, type Values } from '../ui';

const LABELS = {
  name: 'Nom',
  slug: 'Adresse (slug)',
  description: 'Description',
  perimeter: 'Périmètre',
  targetAudience: 'Public visé',
  editorialLine: 'Ligne éditoriale',
  status: 'Statut',
  launchDate: 'Date de lancement',
  relatedIds: 'E-communautés liées',
};

const STATUS_OPTIONS = (Object.keys(STATUS_LABELS) as CommunityStatus[]).map((s) => ({ value: s, label: STATUS_LABELS[s] }));

interface Props {
  /** Absent: creation form. */
  community?: Community;
  /** Coordinators may edit only the presentation texts and related communities. */
  full: boolean;
  onDone: (c: Community) => void;
  submitLabel: string;
}

export function CommunityForm({ community, full, onDone, submitLabel }: Props) {
  const create = useCreateCommunity();
  const update = useUpdateCommunity(community?.slug ?? '');
  const pending = create.isPending || update.isPending;
  const text = { max: LIMITS.communityText };

  const validate = (v: Values) =>
    check(v, {
      ...(full ? { name: { required: true, max: LIMITS.communityName }, slug: { required: true, max: LIMITS.communitySlug } } : {}),
      description: { required: true, ...text },
      perimeter: text,
      targetAudience: text,
      editorialLine: text,
    });

  return (
    <Form
      requiredNote
      labels={LABELS}
      validate={(v) => {
        const errors = validate(v);
        if (full && v.slug && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v.slug)) {
          errors.slug = 'Utilisez uniquement des lettres minuscules sans accent, des chiffres et des tirets.';
        }
        return errors;
      }}
      onSubmit={async (v, data, form) => {
        const input: CommunityUpdate = {
          description: v.description!.trim(),
          perimeter: (v.perimeter ?? '').trim(),
          targetAudience: (v.targetAudience ?? '').trim(),
          editorialLine: (v.editorialLine ?? '').trim(),
          relatedIds: data.getAll('relatedIds').map(Number).filter((n) => n !== community?.id),
        };
        if (full) {
          input.name = v.name!.trim();
          input.slug = v.slug!.trim();
          input.status = (v.status || 'draft') as CommunityStatus;
          input.launchDate = v.launchDate || null;
        }
        const saved = community ? await update.mutateAsync(input) : await create.mutateAsync(input as CommunityInput);
        if (!community) form.reset();
        onDone(saved);
      }}
    >
      {full ? (
        <>
          <TextField name="name" label={LABELS.name} isRequired defaultValue={community?.name} maxLength={LIMITS.communityName} />
          <TextField
            name="slug"
            label={LABELS.slug}
            description="Utilisée dans l’adresse de la page : lettres minuscules, chiffres et tirets (ex. : transition-ecologique)."
            isRequired
            defaultValue={community?.slug}
            maxLength={LIMITS.communitySlug}
          />
          <Select name="status" label={LABELS.status} options={STATUS_OPTIONS} defaultValue={community?.status ?? 'draft'} isRequired />
          <TextField name="launchDate" type="date" label={LABELS.launchDate} description="Facultatif." defaultValue={community?.launchDate ?? ''} />
        </>
      ) : null}
      <TextField name="description" label={LABELS.description} multiline rows={3} isRequired defaultValue={community?.description} maxLength={LIMITS.communityText} />
      <TextField name="perimeter" label={LABELS.perimeter} description="Facultatif. Thèmes et politiques publiques couverts." multiline rows={3} defaultValue={community?.perimeter} maxLength={LIMITS.communityText} />
      <TextField name="targetAudience" label={LABELS.targetAudience} description="Facultatif. Métiers et fonctions concernés." multiline rows={3} defaultValue={community?.targetAudience} maxLength={LIMITS.communityText} />
      <TextField name="editorialLine" label={LABELS.editorialLine} description="Facultatif." multiline rows={3} defaultValue={community?.editorialLine} maxLength={LIMITS.communityText} />
      <RelatedPicker current={community} />
      <div className="form__actions">
        <Button type="submit" isPending={pending}>{submitLabel}</Button>
      </div>
    </Form>
  );
}

function RelatedPicker({ current }: { current?: Community }) {
  const all = useCommunities();
  const options = (all.data?.pages.flatMap((p) => p.items) ?? []).filter((c) => c.id !== current?.id);
  if (options.length === 0) return null;
  return (
    <CheckboxGroup
      name="relatedIds"
      className="fieldset checkbox-group"
      defaultValue={current?.related.map((r) => String(r.id)) ?? []}
    >
      <Label className="field__label">{LABELS.relatedIds}</Label>
      <span className="field__description">Facultatif.</span>
      <div className="checkbox-group__items">
        {options.map((c) => (
          <AriaCheckbox key={c.id} value={String(c.id)} className="checkbox">
            {({ isSelected }) => (
              <>
                <span className="checkbox__box" aria-hidden="true">{isSelected ? '✓' : ''}</span>
                <span>{c.name}</span>
              </>
            )}
          </AriaCheckbox>
        ))}
      </div>
    </CheckboxGroup>
  );
}
