import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { UserHit } from '../../api/users';
import { UserPicker } from '../../components/UserPicker';
import { formatDate, fullName } from '../../lib/format';
import { Alert, Button } from '../../ui';
import { useCreateCommunity, type WizardInput } from './api';

const STEPS = ['Identité', 'Périmètre et ligne éditoriale', 'Coordination et animation', 'Date de lancement'] as const;

function slugify(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
}

/** Four steps; nothing is written before the last one, which creates the community and its team in one request. */
export function CommunityWizard() {
  const [step, setStep] = useState(0);
  const [v, setV] = useState({ name: '', slug: '', description: '', perimeter: '', targetAudience: '', editorialLine: '', launchDate: '' });
  const [coordinator, setCoordinator] = useState<UserHit | null>(null);
  const [animators, setAnimators] = useState<UserHit[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const create = useCreateCommunity();
  const set = (key: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [key]: e.target.value });

  const stepProblem = (): string | null => {
    if (step === 0 && (!v.name.trim() || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v.slug))) return 'Indiquez un nom et une adresse (lettres minuscules, chiffres et tirets).';
    if (step === 2 && !coordinator) return 'Choisissez le ou la coordonnateur·rice.';
    if (step === 3 && !/^\d{4}-\d{2}-\d{2}$/.test(v.launchDate)) return 'Indiquez la date de lancement.';
    return null;
  };
  const next = (e: FormEvent) => {
    e.preventDefault();
    const p = stepProblem();
    setProblem(p);
    if (p) return;
    if (step < STEPS.length - 1) { setStep(step + 1); return; }
    const input: WizardInput = { ...v, coordinatorId: coordinator!.id, animatorIds: animators.map((a) => a.id) };
    create.mutate(input);
  };

  if (create.data) {
    const d = create.data;
    return (
      <Alert tone="success" title="E-communauté créée">
        <p>
          <Link to={`/communautes/${d.slug}`}>{v.name}</Link>{' '}
          {d.status === 'draft'
            ? `est en préparation : elle s’ouvrira automatiquement le ${formatDate(d.launchDate)}.`
            : 'est ouverte : sa date de lancement est atteinte.'}
        </p>
      </Alert>
    );
  }
  return (
    <form onSubmit={next} className="stack" aria-labelledby="wizard-title" noValidate>
      <h2 id="wizard-title">Créer une e-communauté</h2>
      <ol className="wizard-steps">
        {STEPS.map((s, i) => <li key={s} aria-current={i === step ? 'step' : undefined}>{i + 1}. {s}</li>)}
      </ol>
      <h3>Étape {step + 1} sur {STEPS.length} : {STEPS[step]}</h3>
      {step === 0 ? (
        <>
          <div className="field field--wide">
            <label className="field__label" htmlFor="wz-name">Nom</label>
            <input id="wz-name" className="input" required maxLength={120} value={v.name}
              onChange={(e) => setV({ ...v, name: e.target.value, slug: v.slug === slugify(v.name) ? slugify(e.target.value) : v.slug })} />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="wz-slug">Adresse (slug)</label>
            <input id="wz-slug" className="input" required value={v.slug} onChange={set('slug')} aria-describedby="wz-slug-help" />
            <p id="wz-slug-help" className="field__description">Par exemple politique-de-la-ville.</p>
          </div>
          <div className="field field--wide">
            <label className="field__label" htmlFor="wz-desc">Présentation</label>
            <textarea id="wz-desc" className="input" rows={3} value={v.description} onChange={set('description')} />
          </div>
        </>
      ) : null}
      {step === 1 ? (
        <>
          <div className="field field--wide">
            <label className="field__label" htmlFor="wz-perimeter">Périmètre</label>
            <textarea id="wz-perimeter" className="input" rows={3} value={v.perimeter} onChange={set('perimeter')} />
          </div>
          <div className="field field--wide">
            <label className="field__label" htmlFor="wz-audience">Public cible</label>
            <textarea id="wz-audience" className="input" rows={3} value={v.targetAudience} onChange={set('targetAudience')} />
          </div>
          <div className="field field--wide">
            <label className="field__label" htmlFor="wz-line">Ligne éditoriale</label>
            <textarea id="wz-line" className="input" rows={4} value={v.editorialLine} onChange={set('editorialLine')} />
          </div>
        </>
      ) : null}
      {step === 2 ? (
        <>
          <p>Coordonnateur·rice : <strong>{coordinator ? fullName(coordinator) : 'aucun·e pour l’instant'}</strong></p>
          <UserPicker label="Rechercher le ou la coordonnateur·rice" actionLabel="Choisir comme coordonnateur·rice"
            onPick={async (u) => { setCoordinator(u); setAnimators(animators.filter((a) => a.id !== u.id)); return true; }} />
          <p>Animateur·rices :</p>
          {animators.length === 0 ? <p className="muted">Aucun·e pour l’instant.</p> : (
            <ul className="picked">
              {animators.map((a) => (
                <li key={a.id}>{fullName(a)}{' '}
                  <Button variant="ghost" small onPress={() => setAnimators(animators.filter((x) => x.id !== a.id))}>Retirer<span className="visually-hidden"> {fullName(a)}</span></Button>
                </li>
              ))}
            </ul>
          )}
          <UserPicker label="Rechercher un·e animateur·rice" actionLabel="Ajouter comme animateur·rice"
            onPick={async (u) => { if (u.id !== coordinator?.id && !animators.some((a) => a.id === u.id)) setAnimators([...animators, u]); return true; }} />
        </>
      ) : null}
      {step === 3 ? (
        <div className="field">
          <label className="field__label" htmlFor="wz-launch">Date de lancement</label>
          <input id="wz-launch" type="date" className="input" required value={v.launchDate} onChange={set('launchDate')} aria-describedby="wz-launch-help" />
          <p id="wz-launch-help" className="field__description">
            Jusqu’à cette date, l’e-communauté reste en préparation (visible de l’équipe nationale et de sa coordination) ; elle s’ouvre ensuite automatiquement.
          </p>
        </div>
      ) : null}
      {problem ? <Alert tone="error"><p>{problem}</p></Alert> : null}
      {create.error ? <Alert tone="error"><p>{create.error.message}</p></Alert> : null}
      <div className="row">
        {step > 0 ? <Button variant="secondary" onPress={() => { setProblem(null); setStep(step - 1); }}>Étape précédente</Button> : null}
        <Button type="submit" isPending={create.isPending}>{step < STEPS.length - 1 ? 'Étape suivante' : 'Créer l’e-communauté'}</Button>
      </div>
    </form>
  );
}
