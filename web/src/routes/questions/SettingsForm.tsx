import { useState } from 'react';
import { Alert, Button, Form, Select, TextField } from '../../ui';
import { useDeadlineSettings, useSaveDeadlineSettings, type DeadlineMode } from './api';

const MODES = [
  { value: 'calendar', label: 'Jours calendaires' },
  { value: 'working', label: 'Jours ouvrés (hors week-ends et jours fériés)' },
] as const;

/** The community's answer deadline; applies to questions asked afterwards. */
export function SettingsForm({ slug }: { slug: string }) {
  const settings = useDeadlineSettings(slug);
  const save = useSaveDeadlineSettings(slug);
  const [saved, setSaved] = useState(false);
  const s = settings.data;
  if (!s) return null;
  const summary = `${s.days} ${s.mode === 'working' ? `jour${s.days > 1 ? 's' : ''} ouvré${s.days > 1 ? 's' : ''}` : `jour${s.days > 1 ? 's' : ''}`}`;
  if (!s.can.edit) return <p>Délai de réponse : {summary} après la question.</p>;
  return (
    <Form
      aria-label="Délai de réponse aux questions"
      labels={{ days: 'Nombre de jours', mode: 'Décompte' }}
      validate={(v) => {
        const n = Number(v.days);
        const errors: Record<string, string> = {};
        if (!Number.isInteger(n) || n < 1 || n > 30) errors.days = 'Indiquez un nombre entier de jours entre 1 et 30.';
        return errors;
      }}
      onSubmit={async (v) => {
        setSaved(false);
        await save.mutateAsync({ days: Number(v.days), mode: v.mode as DeadlineMode });
        setSaved(true);
      }}
    >
      <p className="small muted">Actuellement : {summary}. Un changement s’applique aux questions posées ensuite.</p>
      <div className="row settings-row">
        <TextField name="days" label="Nombre de jours" defaultValue={String(s.days)} isRequired maxLength={2} />
        <Select name="mode" label="Décompte" options={MODES} defaultValue={s.mode} />
      </div>
      <div className="form__actions">
        <Button type="submit" isPending={save.isPending}>Enregistrer le délai</Button>
      </div>
      {saved ? <Alert tone="success"><p>Délai de réponse enregistré.</p></Alert> : null}
    </Form>
  );
}
