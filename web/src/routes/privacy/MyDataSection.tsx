import { useNavigate } from 'react-router';
import { Card, Checkbox, FormDialog } from '../../ui';
import { EXPORT_URL, useDeleteAccount } from './api';
import './privacy.css';

/** The "Mes données" card of the profile: download everything, or delete the account. */
export function MyDataSection() {
  return (
    <Card as="section" className="my-data">
      <h2 id="mes-donnees-title" className="card__title">Mes données</h2>
      <p>
        Vous pouvez télécharger à tout moment l’ensemble des données que le réseau détient à votre sujet :
        profil, e-communautés, publications et leurs versions, commentaires, réactions, votes, signalements,
        sessions, courriels reçus et acceptations des conditions générales d’utilisation.
      </p>
      <p>
        <a className="btn btn--secondary" href={EXPORT_URL} download>Télécharger mes données (JSON)</a>
      </p>
      <h3>Supprimer mon compte</h3>
      <p>La suppression est définitive : votre profil et vos informations personnelles sont effacés.</p>
      <DeleteAccountDialog />
    </Card>
  );
}

function DeleteAccountDialog() {
  const remove = useDeleteAccount();
  const navigate = useNavigate();
  return (
    <FormDialog
      triggerLabel="Supprimer mon compte"
      triggerVariant="danger"
      title="Supprimer mon compte"
      role="alertdialog"
      modalClassName="privacy-modal"
      intro={
        <div className="stack">
          <p>Cette action est <strong>définitive</strong>. Une fois votre compte supprimé :</p>
          <ul>
            <li>votre nom, votre adresse électronique, votre collectivité, votre métier, votre département et votre présentation sont effacés ;</li>
            <li>vous quittez toutes vos e-communautés et vos réactions, votes et signalements en cours sont retirés ;</li>
            <li>vos publications et commentaires restent visibles sous le nom « Membre supprimé », sauf si vous choisissez de les supprimer aussi ;</li>
            <li>vous êtes déconnecté·e et vous pourrez vous réinscrire plus tard avec la même adresse, sans retrouver vos contenus.</li>
          </ul>
          <p>Pensez à télécharger vos données avant de continuer.</p>
        </div>
      }
      labels={{ deleteContent: 'Supprimer aussi mes publications et mes commentaires' }}
      onSubmit={async (v) => {
        // A sensitive action: the password (or ProConnect) is asked again if the last proof is older than 10 minutes.
        await remove.mutateAsync({ deleteContent: v.deleteContent === 'true' });
        navigate('/compte-supprime', { replace: true, state: { deleted: true } });
      }}
      submitLabel="Supprimer définitivement mon compte"
      submitVariant="danger"
      isPending={remove.isPending}
      focusCancel
    >
      <Checkbox name="deleteContent" description="Elles disparaîtront des e-communautés et leur texte sera effacé.">
        Supprimer aussi mes publications et mes commentaires
      </Checkbox>
    </FormDialog>
  );
}
