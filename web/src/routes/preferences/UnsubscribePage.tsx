import { useSearchParams } from 'react-router';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Card, Link } from '../../ui';
import { useUnsubscribe } from './api';

/**
 * Where the unsubscribe link of a message leads. Confirmation by a button, not on load: mail
 * scanners open links, and must not unsubscribe anyone.
 */
export default function UnsubscribePage() {
  useTitle('Se désabonner');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const unsubscribe = useUnsubscribe();
  return (
    <Card as="section" className="narrow stack">
      <h1>Se désabonner des courriels</h1>
      {unsubscribe.data ? (
        <Alert tone="success" title="C’est fait">
          <p>Vous ne recevrez plus de courriel de l’e-communauté « {unsubscribe.data.communityName} ».</p>
        </Alert>
      ) : (
        <>
          <p>Vous ne recevrez plus aucun courriel (publications, résumés, rappels) de cette e-communauté. Vous restez membre.</p>
          {!token ? <Alert tone="error"><p>Ce lien est incomplet.</p></Alert> : null}
          {unsubscribe.error ? <Alert tone="error"><p>{unsubscribe.error.message}</p></Alert> : null}
          <Button isDisabled={!token} isPending={unsubscribe.isPending} onPress={() => unsubscribe.mutate(token)}>Confirmer le désabonnement</Button>
        </>
      )}
      <p><Link to="/preferences">Gérer toutes mes notifications par courriel</Link> (connexion requise)</p>
    </Card>
  );
}
