import { useNavigate, useSearchParams, Link } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { useLogin, useProviders } from '../../api/session';
import { useDemoAccounts } from '../../api/security';
import { ProConnectButton } from '../proconnect/ProConnectButton';
import { useTitle } from '../../lib/useTitle';
import { Button, Form, TextField, check } from '../../ui';

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export default function LoginPage() {
  useTitle('Connexion');
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const providers = useProviders();
  return (
    <div className="narrow">
      <h1>Connexion</h1>
      {providers.data?.proconnect && (
        <>
          <ProConnectButton next={safeNext(params.get('suite'))} />
          <p className="proconnect-or">ou</p>
        </>
      )}
      <Form
        labels={{ email: 'Adresse électronique', password: 'Mot de passe' }}
        validate={(v) => check(v, { email: { required: true, max: LIMITS.email }, password: { required: true } })}
        onSubmit={async (v) => {
          const result = await login.mutateAsync({ email: v.email!.trim(), password: v.password! });
          const next = safeNext(params.get('suite'));
          if ('secondFactor' in result) navigate(`/connexion/second-facteur?suite=${encodeURIComponent(next)}`, { replace: true });
          else navigate(next, { replace: true });
        }}
      >
        <TextField name="email" type="email" label="Adresse électronique" autoComplete="email" isRequired maxLength={LIMITS.email} />
        <TextField name="password" type="password" label="Mot de passe" autoComplete="current-password" isRequired />
        <div className="form__actions">
          <Button type="submit" isPending={login.isPending}>Se connecter</Button>
          <Link to="/mot-de-passe/oubli">Mot de passe oublié ?</Link>
        </div>
      </Form>
      <p style={{ marginTop: 'var(--sp-5)' }}>
        Pas encore de compte ? <Link to="/inscription">Créer un compte</Link>
      </p>
      <DemoAccounts />
    </div>
  );
}

const DEMO_ROLES = { admin: 'équipe nationale', coordinator: 'coordination', animator: 'animation', member: 'membre' } as const;

/** Only on a demo network (seeded by `npm start` on an empty database): its shared accounts, exempt from the second factor. */
function DemoAccounts() {
  const demo = useDemoAccounts();
  const accounts = demo.data?.accounts ?? [];
  if (accounts.length === 0) return null;
  return (
    <section className="card" aria-labelledby="demo-accounts-title" style={{ marginTop: 'var(--sp-5)' }}>
      <h2 id="demo-accounts-title" className="card__title">Comptes de démonstration</h2>
      <p>
        Ce site contient les données de démonstration. Ces comptes partagés sont <strong>exemptés du second facteur</strong>
        {' '}(leur mot de passe est affiché au démarrage et dans le README) ; tout autre compte d’animation, de coordination ou
        de l’équipe nationale doit en activer un.
      </p>
      <ul>
        {accounts.map((a) => <li key={a.email}><code>{a.email}</code> ({DEMO_ROLES[a.role]})</li>)}
      </ul>
    </section>
  );
}
