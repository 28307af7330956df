import { useState } from 'react';
import { Link } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { useRegister } from '../../api/session';
import { DEPARTEMENT_OPTIONS } from '../../lib/departements';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Checkbox, Form, Select, TextField, check } from '../../ui';

const LABELS = {
  email: 'Adresse électronique',
  password: 'Mot de passe',
  firstName: 'Prénom',
  lastName: 'Nom',
  employer: 'Collectivité ou organisation',
  job: 'Métier / fonction',
  departement: 'Département',
  acceptCgu: 'Conditions générales d’utilisation',
};

export default function SignupPage() {
  useTitle('Créer un compte');
  const [doneEmail, setDoneEmail] = useState<string | null>(null);

  if (doneEmail) {
    return (
      <div className="narrow">
        <h1>Vérifiez votre messagerie</h1>
        <Alert tone="success" title="Votre compte est créé">
          <p>
            Un courriel de confirmation a été envoyé à <strong>{doneEmail}</strong>. Ouvrez le lien qu’il contient pour
            confirmer votre adresse : vous pourrez alors publier et commenter.
          </p>
          <p>Pensez à regarder dans les indésirables si vous ne le recevez pas d’ici quelques minutes.</p>
        </Alert>
        <p style={{ marginTop: 'var(--sp-4)' }}><Link to="/communautes">Découvrir l’annuaire des e-communautés</Link></p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <h1>Créer un compte</h1>
      <p>Le réseau est ouvert aux agents des collectivités territoriales et de leurs partenaires.</p>
      <SignupForm onRegistered={setDoneEmail} />
      <p style={{ marginTop: 'var(--sp-5)' }}>Déjà inscrit·e ? <Link to="/connexion">Se connecter</Link></p>
    </div>
  );
}

/**
 * The sign-up form, also used by the invitation page (address prefilled). `onRegistered` runs once the
 * account exists and its session is open.
 */
export function SignupForm({ defaultEmail, submitLabel = 'Créer mon compte', onRegistered }: {
  defaultEmail?: string;
  submitLabel?: string;
  onRegistered: (email: string) => unknown;
}) {
  const register = useRegister();
  return (
    <Form
      requiredNote
      labels={LABELS}
      validate={(v) => {
        const errors = check(v, {
          email: { required: true, max: LIMITS.email },
          password: { required: true, min: LIMITS.passwordMin, max: LIMITS.passwordMax },
          firstName: { required: true, max: LIMITS.personName },
          lastName: { required: true, max: LIMITS.personName },
          employer: { required: true, max: LIMITS.employer },
          job: { required: true, max: LIMITS.job },
          departement: { required: true },
        });
        if (errors.password && v.password) errors.password = `Le mot de passe doit contenir au moins ${LIMITS.passwordMin} caractères.`;
        if (!v.acceptCgu) errors.acceptCgu = 'Vous devez accepter les conditions générales d’utilisation.';
        return errors;
      }}
      onSubmit={async (v) => {
        const email = v.email!.trim();
        await register.mutateAsync({
          email,
          password: v.password!,
          firstName: v.firstName!.trim(),
          lastName: v.lastName!.trim(),
          employer: v.employer!.trim(),
          job: v.job!.trim(),
          departement: v.departement!,
          acceptCgu: true,
        });
        onRegistered(email);
      }}
    >
      <TextField name="email" type="email" label={LABELS.email} description="Votre adresse professionnelle, de préférence." autoComplete="email" isRequired maxLength={LIMITS.email} defaultValue={defaultEmail} />
      <TextField
        name="password"
        type="password"
        label={LABELS.password}
        description={`${LIMITS.passwordMin} caractères minimum. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`}
        autoComplete="new-password"
        isRequired
        maxLength={LIMITS.passwordMax}
      />
      <TextField name="firstName" label={LABELS.firstName} autoComplete="given-name" isRequired maxLength={LIMITS.personName} />
      <TextField name="lastName" label={LABELS.lastName} autoComplete="family-name" isRequired maxLength={LIMITS.personName} />
      <TextField name="employer" label={LABELS.employer} description="Par exemple : Commune de Lorient, Département du Gers." autoComplete="organization" isRequired maxLength={LIMITS.employer} />
      <TextField name="job" label={LABELS.job} description="Par exemple : chargée de mission transition écologique." autoComplete="organization-title" isRequired maxLength={LIMITS.job} />
      <Select name="departement" label={LABELS.departement} description="Département de votre lieu de travail." options={DEPARTEMENT_OPTIONS} placeholder="Choisir un département" isRequired />
      <Checkbox
        name="acceptCgu"
        isRequired
        description={<>Lire les <Link to="/pages/cgu" target="_blank">conditions générales d’utilisation (nouvelle fenêtre)</Link>.</>}
      >
        J’accepte les conditions générales d’utilisation
      </Checkbox>
      <div className="form__actions">
        <Button type="submit" isPending={register.isPending}>{submitLabel}</Button>
      </div>
    </Form>
  );
}
