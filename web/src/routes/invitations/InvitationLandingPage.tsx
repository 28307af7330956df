import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { ApiError } from '../../api/client';
import { useCurrentUser, useLogin } from '../../api/session';
import { formatDate } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, ButtonLink, Form, Link, Spinner, TextField, check } from '../../ui';
import { SignupForm } from '../signup/SignupPage';
import { useAccept, useInvitationPreview, type InvitationPreview } from './api';
import './invitations.css';

/**
 * Where an invitation link leads: a French sign-up page already pointed at the community. A new
 * account joins once its address is confirmed; an existing account signs in and joins at once.
 */
export default function InvitationLandingPage() {
  const { token = '' } = useParams();
  const preview = useInvitationPreview(token);
  useTitle(preview.data ? `Invitation – ${preview.data.community.name}` : 'Invitation');
  if (preview.error) {
    const gone = preview.error instanceof ApiError && (preview.error.status === 410 || preview.error.status === 404);
    return (
      <div className="narrow stack">
        <h1>Invitation indisponible</h1>
        <Alert tone="error"><p>{preview.error.message}</p></Alert>
        {gone ? <p>Vous pouvez tout de même <Link to="/communautes">parcourir les e-communautés</Link> et rejoindre celles qui vous intéressent.</p> : null}
      </div>
    );
  }
  if (!preview.data) return <Spinner label="Chargement de l’invitation…" />;
  return <Landing token={token} p={preview.data} />;
}

function Landing({ token, p }: { token: string; p: InvitationPreview }) {
  const user = useCurrentUser();
  const accept = useAccept(token);
  const login = useLogin();
  const navigate = useNavigate();
  const [pendingEmail, setPendingEmail] = useState<string | null>(null);
  const community = `/communautes/${p.community.slug}`;

  const join = async () => {
    const res = await accept.mutateAsync();
    if (res.status === 'joined') navigate(community, { replace: true });
    return res;
  };

  const head = (
    <>
      <h1>Rejoignez l’e-communauté « {p.community.name} »</h1>
      <p><strong>{p.inviter.firstName} {p.inviter.lastName}</strong> vous invite à rejoindre cet espace d’échange entre agents territoriaux. Invitation valable jusqu’au {formatDate(p.expiresAt)}.</p>
      {p.community.description ? <p className="muted">{p.community.description}</p> : null}
    </>
  );

  if (pendingEmail) {
    return (
      <div className="narrow stack">
        {head}
        <Alert tone="success" title="Votre compte est créé">
          <p>Un courriel de confirmation a été envoyé à <strong>{pendingEmail}</strong>. Dès que vous aurez confirmé votre adresse, vous serez membre de « {p.community.name} ».</p>
        </Alert>
      </div>
    );
  }
  if (user === undefined) return <Spinner />;
  if (user) {
    return (
      <div className="narrow stack">
        {head}
        {p.alreadyMember ? (
          <Alert tone="info"><p>Vous êtes déjà membre de cette e-communauté. <Link to={community}>Y aller</Link></p></Alert>
        ) : (
          <>
            {accept.error ? <Alert tone="error"><p>{accept.error.message}</p></Alert> : null}
            {accept.data?.status === 'pending_verification' ? (
              <Alert tone="success"><p>C’est noté : vous rejoindrez « {p.community.name} » dès que votre adresse sera confirmée (lien reçu par courriel).</p></Alert>
            ) : (
              <div className="row">
                <Button isPending={accept.isPending} onPress={() => { void join().catch(() => undefined); }}>Rejoindre « {p.community.name} »</Button>
                <ButtonLink variant="ghost" to={community}>Voir l’e-communauté d’abord</ButtonLink>
              </div>
            )}
          </>
        )}
      </div>
    );
  }
  return (
    <div className="stack">
      <div className="narrow">{head}</div>
      <div className="invite-landing">
        <section aria-labelledby="invite-signup" className="stack">
          <h2 id="invite-signup">Je crée mon compte</h2>
          <SignupForm
            defaultEmail={p.email ?? undefined}
            submitLabel={`Créer mon compte et rejoindre « ${p.community.name} »`}
            onRegistered={async (email) => {
              await accept.mutateAsync();
              setPendingEmail(email);
            }}
          />
        </section>
        <section aria-labelledby="invite-login" className="stack">
          <h2 id="invite-login">J’ai déjà un compte</h2>
          <Form
            labels={{ email: 'Adresse électronique', password: 'Mot de passe' }}
            validate={(v) => check(v, { email: { required: true, max: LIMITS.email }, password: { required: true } })}
            onSubmit={async (v) => {
              await login.mutateAsync({ email: v.email!.trim(), password: v.password! });
              try {
                await join();
              } catch (err) {
                // Already a member: the invitation has nothing left to do, the community is one click away.
                if (err instanceof ApiError && err.code === 'ALREADY_MEMBER') navigate(community, { replace: true });
                else throw err;
              }
            }}
          >
            <TextField name="email" id="invite-login-email" type="email" label="Adresse électronique" autoComplete="email" isRequired maxLength={LIMITS.email} />
            <TextField name="password" id="invite-login-password" type="password" label="Mot de passe" autoComplete="current-password" isRequired />
            <div className="form__actions">
              <Button type="submit" isPending={login.isPending || accept.isPending}>Me connecter et rejoindre</Button>
              <Link to="/mot-de-passe/oubli">Mot de passe oublié ?</Link>
            </div>
          </Form>
        </section>
      </div>
    </div>
  );
}
