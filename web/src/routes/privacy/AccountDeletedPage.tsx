import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { useTitle } from '../../lib/useTitle';
import { Alert } from '../../ui';
import { useForgetSession } from './api';

/** Where a member lands after deleting their account (they are already signed out). */
export default function AccountDeletedPage() {
  useTitle('Compte supprimé');
  const { state } = useLocation() as { state: { deleted?: boolean } | null };
  const forget = useForgetSession();
  // Arriving from the deletion dialog: the server session is gone, drop the client's copy too.
  useEffect(() => {
    if (state?.deleted) forget();
  }, [state, forget]);
  return (
    <div className="narrow">
      <h1>Votre compte est supprimé</h1>
      <Alert tone="success">
        <p>Vos informations personnelles ont été effacées et vous avez été déconnecté·e.</p>
      </Alert>
      <p>
        Les publications et commentaires que vous avez choisi de conserver apparaissent désormais sous le nom « Membre supprimé ».
        Vous pouvez vous réinscrire à tout moment avec la même adresse électronique.
      </p>
      <p><Link to="/">Revenir à l’accueil</Link> · <Link to="/pages/donnees-personnelles">Données personnelles</Link></p>
    </div>
  );
}
