import { useState, type FormEvent } from 'react';
import { RequireAuth } from '../../components/RequireAuth';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Card, Link, QueryState, Select } from '../../ui';
import { FREQUENCY_OPTIONS, useEmailPreferences, useSaveEmailPreferences, type EmailPreference, type Frequency } from './api';

export default function PreferencesPage() {
  useTitle('Mes notifications par courriel');
  return (
    <RequireAuth>
      <h1>Mes notifications par courriel</h1>
      <Preferences />
    </RequireAuth>
  );
}

function Preferences() {
  const prefs = useEmailPreferences();
  return <QueryState query={prefs} loading="Chargement de vos préférences">{(data) => <PreferencesForm items={data.items} />}</QueryState>;
}

function PreferencesForm({ items }: { items: EmailPreference[] }) {
  const save = useSaveEmailPreferences();
  const [values, setValues] = useState<Record<number, Frequency>>(() => Object.fromEntries(items.map((i) => [i.communityId, i.frequency])));
  const [saved, setSaved] = useState(false);

  if (items.length === 0) {
    return (
      <Card as="section">
        <p>Vous n’êtes membre d’aucune e-communauté pour l’instant.</p>
        <p><Link to="/communautes">Découvrir les e-communautés</Link></p>
      </Card>
    );
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const changes = items.filter((i) => values[i.communityId] !== i.frequency || !i.chosen)
      .map((i) => ({ communityId: i.communityId, frequency: values[i.communityId]! }));
    await save.mutateAsync(changes);
    setSaved(true);
  }

  return (
    <Card as="section" className="narrow">
      <form onSubmit={(e) => void onSubmit(e).catch(() => {})} className="stack" aria-describedby="prefs-intro">
        <p id="prefs-intro">
          Choisissez, pour chacune de vos e-communautés, quand recevoir les nouvelles publications par courriel.
          Sans choix de votre part, vous recevez un résumé hebdomadaire, le lundi matin.
        </p>
        {items.map((i) => (
          <Select
            key={i.communityId}
            name={`frequency-${i.communityId}`}
            label={i.name}
            options={FREQUENCY_OPTIONS}
            value={values[i.communityId]}
            onChange={(v) => { setSaved(false); setValues((prev) => ({ ...prev, [i.communityId]: v as Frequency })); }}
          />
        ))}
        {save.error ? <Alert tone="error"><p>{save.error.message}</p></Alert> : null}
        {saved ? <Alert tone="success"><p>Vos préférences sont enregistrées.</p></Alert> : null}
        <div className="row">
          <Button type="submit" isPending={save.isPending}>Enregistrer</Button>
        </div>
        <p className="muted">Chaque courriel contient aussi un lien pour ne plus rien recevoir d’une e-communauté en un clic.</p>
      </form>
    </Card>
  );
}
