import { Link } from 'react-router';
import { useTitle } from '../../lib/useTitle';
import { Alert } from '../../ui';

/** Where a member lands after deleting their account (they are already signed out). */
export default function AccountDeletedPage() {
  useTitle('Compte supprimé');
  return (
    <div className="narrow">
      <h1>Votre compte est supprimé</h1>
      <Alert tone="success">
        <p>Vos informations personnelles ont été effacées et vous avez été déconnecté·e.</p>
      </Alert>
      <p>
        Les publications et commentaires que vous avez choisi de conserver apparaissent désormais sous le nom « Membre supprimé ».
        Vous pouvez vous réinscrire à tout moment avec la même adresse électronique.
      </p>
      <p><Link to="/">Revenir à l’accueil</Link> · <Link to="/pages/donnees-personnelles">Données personnelles</Link></p>
    </div>
  );
}
