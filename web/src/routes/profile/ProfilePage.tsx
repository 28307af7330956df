import { useState } from 'react';
import { Link } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { useChangePassword, useMe, useUpdateMe } from '../../api/session';
import type { Me } from '../../api/types';
import { RequireAuth } from '../../components/RequireAuth';
import { DEPARTEMENT_OPTIONS, departementName } from '../../lib/departements';
import { formatDate, fullName } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Badge, Button, Card, Form, QueryState, Select, TextField, check } from '../../ui';
import { MembershipsCard } from '../member/MemberPage';
import { MyDataSection } from '../privacy/MyDataSection';
import { DirectorySettingsCard } from '../members/DirectorySettingsCard';

export default function ProfilePage() {
  useTitle('Mon profil');
  return (
    <RequireAuth>
      <Profile />
    </RequireAuth>
  );
}

function Profile() {
  const me = useMe();
  return (
    <>
      <h1>Mon profil</h1>
      <QueryState query={me}>{(data) => <ProfileView me={data} />}</QueryState>
    </>
  );
}

function ProfileView({ me }: { me: Me }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <div className="stack narrow">
      <Card as="section">
        <h2 className="card__title">Mes informations</h2>
        {saved ? <Alert tone="success"><p>Votre profil est enregistré.</p></Alert> : null}
        {editing ? (
          <ProfileForm me={me} onDone={(ok) => { setEditing(false); setSaved(ok); }} />
        ) : (
          <>
            <dl className="details">
              <dt>Nom</dt><dd>{fullName(me)}</dd>
              <dt>Adresse électronique</dt>
              <dd>{me.email} {me.emailVerified ? <Badge tone="success">Confirmée</Badge> : <Badge tone="warning">Non confirmée</Badge>}</dd>
              <dt>Collectivité ou organisation</dt><dd>{me.employer}</dd>
              <dt>Métier / fonction</dt><dd>{me.job}</dd>
              <dt>Département</dt><dd>{departementName(me.departement)}</dd>
              <dt>Présentation</dt><dd className="pre-line">{me.bio || <span className="muted">Non renseignée</span>}</dd>
              <dt>Inscription</dt><dd>{formatDate(me.createdAt)}</dd>
            </dl>
            <div className="row">
              <Button onPress={() => { setSaved(false); setEditing(true); }}>Modifier mon profil</Button>
              <Link to={`/membres/${me.id}`}>Voir ma page publique</Link>
            </div>
          </>
        )}
      </Card>
      <DirectorySettingsCard />
      <MembershipsCard memberships={me.memberships} title="Mes e-communautés" empty="Vous n’avez rejoint aucune e-communauté." />
      <PasswordCard />
      <Card as="section">
        <h2 className="card__title">Mes appareils</h2>
        <p>Voyez les navigateurs où votre compte est ouvert et déconnectez ceux que vous ne reconnaissez pas.</p>
        <p><Link to="/profil/appareils">Gérer mes appareils</Link></p>
      </Card>
      <Card as="section">
        <h2 className="card__title">Sécurité du compte</h2>
        <p>Second facteur de connexion : application d’authentification, clés d’accès et codes de secours.</p>
        <Link to="/compte/securite">Gérer la sécurité du compte</Link>
      </Card>
      <MyDataSection />
    </div>
  );
}

const PROFILE_LABELS = {
  firstName: 'Prénom',
  lastName: 'Nom',
  employer: 'Collectivité ou organisation',
  job: 'Métier / fonction',
  departement: 'Département',
  bio: 'Présentation',
};

function ProfileForm({ me, onDone }: { me: Me; onDone: (saved: boolean) => void }) {
  const update = useUpdateMe();
  return (
    <Form
      requiredNote
      labels={PROFILE_LABELS}
      validate={(v) =>
        check(v, {
          firstName: { required: true, max: LIMITS.personName },
          lastName: { required: true, max: LIMITS.personName },
          employer: { required: true, max: LIMITS.employer },
          job: { required: true, max: LIMITS.job },
          departement: { required: true },
          bio: { max: LIMITS.bio },
        })
      }
      onSubmit={async (v) => {
        await update.mutateAsync({
          firstName: v.firstName!.trim(),
          lastName: v.lastName!.trim(),
          employer: v.employer!.trim(),
          job: v.job!.trim(),
          departement: v.departement!,
          bio: (v.bio ?? '').trim(),
        });
        onDone(true);
      }}
    >
      <TextField name="firstName" label={PROFILE_LABELS.firstName} isRequired defaultValue={me.firstName} autoComplete="given-name" maxLength={LIMITS.personName} />
      <TextField name="lastName" label={PROFILE_LABELS.lastName} isRequired defaultValue={me.lastName} autoComplete="family-name" maxLength={LIMITS.personName} />
      <TextField name="employer" label={PROFILE_LABELS.employer} isRequired defaultValue={me.employer} autoComplete="organization" maxLength={LIMITS.employer} />
      <TextField name="job" label={PROFILE_LABELS.job} isRequired defaultValue={me.job} autoComplete="organization-title" maxLength={LIMITS.job} />
      <Select name="departement" label={PROFILE_LABELS.departement} options={DEPARTEMENT_OPTIONS} defaultValue={me.departement} placeholder="Choisir un département" isRequired />
      <TextField name="bio" label={PROFILE_LABELS.bio} description="Facultatif. Quelques mots sur vos missions et vos centres d’intérêt professionnels." multiline rows={4} defaultValue={me.bio ?? ''} maxLength={LIMITS.bio} />
      <div className="form__actions">
        <Button type="submit" isPending={update.isPending}>Enregistrer mon profil</Button>
        <Button variant="secondary" onPress={() => onDone(false)}>Annuler</Button>
      </div>
    </Form>
  );
}

function PasswordCard() {
  const change = useChangePassword();
  const [done, setDone] = useState(false);
  return (
    <Card as="section">
      <h2 className="card__title">Changer de mot de passe</h2>
      {done ? <Alert tone="success"><p>Votre mot de passe a été modifié.</p></Alert> : null}
      <Form
        labels={{ currentPassword: 'Mot de passe actuel', newPassword: 'Nouveau mot de passe' }}
        validate={(v) => check(v, { currentPassword: { required: true }, newPassword: { required: true, min: LIMITS.passwordMin, max: LIMITS.passwordMax } })}
        onSubmit={async (v, _d, form) => {
          setDone(false);
          await change.mutateAsync({ currentPassword: v.currentPassword!, newPassword: v.newPassword! });
          form.reset();
          setDone(true);
        }}
      >
        <TextField name="currentPassword" type="password" label="Mot de passe actuel" autoComplete="current-password" isRequired />
        <TextField name="newPassword" type="password" label="Nouveau mot de passe" description={`${LIMITS.passwordMin} caractères minimum.`} autoComplete="new-password" isRequired maxLength={LIMITS.passwordMax} />
        <div className="form__actions">
          <Button type="submit" isPending={change.isPending}>Changer le mot de passe</Button>
        </div>
      </Form>
    </Card>
  );
}
