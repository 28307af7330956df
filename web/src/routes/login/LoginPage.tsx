import { useNavigate, useSearchParams, Link } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { useLogin, useProviders } from '../../api/session';
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
          await login.mutateAsync({ email: v.email!.trim(), password: v.password! });
          navigate(safeNext(params.get('suite')), { replace: true });
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
    </div>
  );
}
