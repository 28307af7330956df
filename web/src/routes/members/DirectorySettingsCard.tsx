import { useState } from 'react';
import { useDirectorySettings, useSaveDirectorySettings, type DirectorySettings } from '../../api/members';
import { Alert, Button, Checkbox, Form, QueryState } from '../../ui';

const CHOICES: { name: keyof DirectorySettings; label: string; description?: string }[] = [
  { name: 'listed', label: 'Apparaître dans l’annuaire des membres', description: 'Décoché, on ne vous trouve plus par l’annuaire ; votre page reste accessible depuis vos contributions.' },
  { name: 'showEmployer', label: 'Montrer ma collectivité ou organisation' },
  { name: 'showJob', label: 'Montrer mon métier ou ma fonction' },
  { name: 'showTerritory', label: 'Montrer mon département (et sa région)' },
  { name: 'showEmail', label: 'Montrer mon adresse électronique' },
  { name: 'messageEmail', label: 'Me prévenir par courriel d’un nouveau message privé', description: 'Un seul courriel par conversation tant que vous n’avez pas lu ses messages ; le texte du message n’y figure pas.' },
];

/** The profile page's privacy section: what others see, and how new private messages are announced. */
export function DirectorySettingsCard() {
  const settings = useDirectorySettings();
  return (
    <section className="card" aria-labelledby="visibilite">
      <h2 className="card__title" id="visibilite">Visibilité de mon profil et messages</h2>
      <p className="muted small">
        Par défaut, les autres membres ne voient que votre nom, votre présentation, vos e-communautés et vos contributions.
        Vous choisissez ce que vous ajoutez.
      </p>
      <QueryState query={settings}>{(s) => <SettingsForm settings={s} />}</QueryState>
    </section>
  );
}

function SettingsForm({ settings }: { settings: DirectorySettings }) {
  const save = useSaveDirectorySettings();
  const [saved, setSaved] = useState(false);
  return (
    <Form
      aria-labelledby="visibilite"
      onSubmit={async (_v, data) => {
        setSaved(false);
        const change = Object.fromEntries(CHOICES.map((c) => [c.name, data.get(c.name) === 'true'])) as Partial<DirectorySettings>;
        await save.mutateAsync(change);
        setSaved(true);
      }}
    >
      {saved ? <Alert tone="success"><p>Vos choix sont enregistrés.</p></Alert> : null}
      {CHOICES.map((c) => (
        <Checkbox key={c.name} name={c.name} defaultSelected={settings[c.name]} description={c.description}>{c.label}</Checkbox>
      ))}
      <div className="form__actions">
        <Button type="submit" isPending={save.isPending}>Enregistrer mes choix</Button>
      </div>
    </Form>
  );
}
