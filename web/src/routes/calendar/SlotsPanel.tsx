import { KIND_LABELS } from '../../lib/kind-labels';
import { Button, Card, Form, Select, TextField, check } from '../../ui';
import { PLANNABLE_KINDS, useCreateSlot, useDeleteSlot, useUpdateSlot, type PlannableKind, type Slot } from './api';
import { WEEKDAYS } from './dates';

function describe(s: Slot): string {
  const every = s.intervalWeeks === 1 ? 'chaque' : `toutes les ${s.intervalWeeks} semaines, le`;
  return `${every} ${WEEKDAYS[s.weekday - 1]} à ${s.time.replace(':', ' h ')}`;
}

/** The community's regular appointments ("rendez-vous réguliers"), shown as occurrences on the calendar. */
export function SlotsPanel({ slug, slots, onMessage }: { slug: string; slots: Slot[]; onMessage: (m: string) => void }) {
  const create = useCreateSlot(slug);
  const update = useUpdateSlot(slug);
  const remove = useDeleteSlot(slug);
  return (
    <Card as="section" className="stack">
      <h2 id="slots-title" className="card__title">Rendez-vous réguliers</h2>
      <p className="muted small">Une veille chaque lundi, un dossier tous les quinze jours… Ils apparaissent sur le calendrier pour être planifiés.</p>
      {slots.length === 0 ? <p>Aucun rendez-vous régulier pour le moment.</p> : (
        <ul className="plain-list stack">
          {slots.map((s) => (
            <li key={s.id} className="slot-row">
              <span><strong>{s.label}</strong> ({KIND_LABELS[s.kind]}) : {describe(s)}{s.active ? '' : ' — en pause'}</span>
              <span className="row">
                <Button small variant="secondary" onPress={async () => {
                  await update.mutateAsync({ id: s.id, active: !s.active });
                  onMessage(`« ${s.label} » ${s.active ? 'mis en pause' : 'réactivé'}.`);
                }}>
                  {s.active ? 'Mettre en pause' : 'Réactiver'}<span className="visually-hidden"> « {s.label} »</span>
                </Button>
                <Button small variant="danger" onPress={async () => {
                  await remove.mutateAsync(s.id);
                  onMessage(`« ${s.label} » supprimé.`);
                }}>
                  Supprimer<span className="visually-hidden"> « {s.label} »</span>
                </Button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3 id="slot-new-title">Nouveau rendez-vous</h3>
      <Form
        aria-labelledby="slot-new-title"
        labels={{ label: 'Intitulé', weekday: 'Jour', time: 'Heure', intervalWeeks: 'Fréquence' }}
        validate={(v) => {
          const errors = check(v, { label: { required: true, max: 120 }, time: { required: true } });
          if (v.time && !/^([01]\d|2[0-3]):[0-5]\d$/.test(v.time)) errors.time = 'Heure au format HH:MM, par exemple 09:00.';
          return errors;
        }}
        onSubmit={async (v, _data, form) => {
          await create.mutateAsync({
            label: v.label!.trim(), kind: v.kind as PlannableKind, weekday: Number(v.weekday), time: v.time!, intervalWeeks: Number(v.intervalWeeks),
          });
          form.reset();
          onMessage(`Rendez-vous « ${v.label!.trim()} » créé.`);
        }}
      >
        <TextField name="label" label="Intitulé" isRequired maxLength={120} placeholder="Veille du lundi" />
        <Select name="kind" label="Type" options={PLANNABLE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} defaultValue="veille" />
        <Select name="weekday" label="Jour" options={WEEKDAYS.map((w, i) => ({ value: String(i + 1), label: w }))} defaultValue="1" />
        <TextField name="time" label="Heure (Paris)" description="Format HH:MM" isRequired defaultValue="09:00" maxLength={5} />
        <Select name="intervalWeeks" label="Fréquence" defaultValue="1"
          options={[{ value: '1', label: 'Chaque semaine' }, { value: '2', label: 'Toutes les deux semaines' }, { value: '4', label: 'Toutes les quatre semaines' }]} />
        <div className="form__actions"><Button type="submit" isPending={create.isPending}>Ajouter le rendez-vous</Button></div>
      </Form>
    </Card>
  );
}
