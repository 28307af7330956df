import { useState } from 'react';
import { RequireAuth } from '../../components/RequireAuth';
import { useConfirmTotp, useRegenerateRecoveryCodes, useRemoveTotp, useSecurity, useStartTotp, type SecurityState } from '../../api/security';
import { formatDate } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Badge, Card, ConfirmDialog, QueryState } from '../../ui';
import { RecoveryCodesList } from './RecoveryCodesList';
import { TotpSetup } from './TotpSetup';
import { PasskeysCard } from './PasskeysCard';

export default function SecurityPage() {
  useTitle('Sécurité du compte');
  return (
    <RequireAuth>
      <h1>Sécurité du compte</h1>
      <Security />
    </RequireAuth>
  );
}

function Security() {
  const security = useSecurity();
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <QueryState query={security}>
      {(state) => (
        <div className="stack narrow">
          <p>
            Un second facteur protège votre compte même si votre mot de passe est découvert : à la connexion, il vous est
            demandé un code de votre application d’authentification, votre clé d’accès ou un code de secours.
          </p>
          <Requirement state={state} />
          {codes ? <Alert tone="success" title="Second facteur enregistré"><RecoveryCodesList codes={codes} /></Alert> : null}
          {state.demoAccount ? null : (
            <>
              <TotpCard state={state} onCodes={setCodes} />
              <PasskeysCard state={state} onCodes={setCodes} />
              <RecoveryCard state={state} onCodes={setCodes} />
            </>
          )}
        </div>
      )}
    </QueryState>
  );
}

function Requirement({ state }: { state: SecurityState }) {
  if (state.demoAccount) {
    return (
      <Alert tone="info" live={false}>
        <p>Ce compte de démonstration est partagé par tous les visiteurs : il est exempté du second facteur et ne peut pas en activer.</p>
      </Alert>
    );
  }
  if (!state.required || state.totp || state.passkeys.length > 0) return null;
  const ends = state.graceEndsAt;
  // eslint-disable-next-line react-hooks/purity -- read at each render on purpose: the notice turns when the grace period ends
  const over = ends !== null && new Date(ends).getTime() <= Date.now();
  return (
    <Alert tone="warning" live={false} title="Second facteur obligatoire pour votre rôle">
      <p>
        Votre rôle (animation, coordination ou équipe nationale) donne accès à des données de membres : un second facteur est
        obligatoire.{' '}
        {ends && !over ? `Activez-le avant le ${formatDate(ends)} : passé ce délai, vous ne pourrez plus vous connecter sans l’activer.` : 'Activez-le dès maintenant.'}
      </p>
    </Alert>
  );
}

function TotpCard({ state, onCodes }: { state: SecurityState; onCodes: (codes: string[]) => void }) {
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const remove = useRemoveTotp();
  return (
    <Card as="section">
      <h2 className="card__title">Application d’authentification</h2>
      {state.totp ? (
        <>
          <p><Badge tone="success">Activée</Badge> Un code à 6 chiffres de votre application vous est demandé à la connexion.</p>
          <ConfirmDialog
            triggerLabel="Retirer l’application"
            title="Retirer l’application d’authentification ?"
            confirmLabel="Retirer"
            isPending={remove.isPending}
            onConfirm={() => remove.mutateAsync()}
          >
            <p>Vos autres sessions seront fermées. Sans autre second facteur, vos codes de secours seront aussi supprimés.</p>
          </ConfirmDialog>
        </>
      ) : (
        <TotpSetup
          start={start}
          confirm={async (code) => {
            const { recoveryCodes } = await confirm.mutateAsync(code);
            if (recoveryCodes) onCodes(recoveryCodes);
          }}
        />
      )}
    </Card>
  );
}

function RecoveryCard({ state, onCodes }: { state: SecurityState; onCodes: (codes: string[]) => void }) {
  const regenerate = useRegenerateRecoveryCodes();
  if (!state.totp && state.passkeys.length === 0) return null;
  return (
    <Card as="section">
      <h2 className="card__title">Codes de secours</h2>
      <p>Il vous reste {state.recoveryCodesLeft} code{state.recoveryCodesLeft > 1 ? 's' : ''} de secours sur 10.</p>
      <ConfirmDialog
        triggerVariant="secondary"
        triggerLabel="Générer de nouveaux codes"
        title="Générer de nouveaux codes de secours ?"
        confirmLabel="Générer"
        isPending={regenerate.isPending}
        onConfirm={async () => { const { recoveryCodes } = await regenerate.mutateAsync(); if (recoveryCodes) onCodes(recoveryCodes); }}
      >
        <p>Les anciens codes ne fonctionneront plus, et vos autres sessions seront fermées.</p>
      </ConfirmDialog>
    </Card>
  );
}
