import { useState } from 'react';
import { usePasskeySignIn, type SignedInNext } from '../../api/security';
import { Alert, Button } from '../../ui';
import { passkeyError } from '../security/PasskeysCard';

/** Signing in with one of the person's passkeys (the browser shows its own dialog). */
export function PasskeySignIn({ onSignedIn }: { onSignedIn: (result: SignedInNext) => void }) {
  const signIn = usePasskeySignIn();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="stack">
      <Button
        isPending={signIn.isPending}
        onPress={async () => {
          setError(null);
          try {
            onSignedIn(await signIn.mutateAsync());
          } catch (err) {
            setError(passkeyError(err));
          }
        }}
      >
        Utiliser ma clé d’accès
      </Button>
      {error ? <Alert tone="error"><p>{error}</p></Alert> : null}
    </div>
  );
}
