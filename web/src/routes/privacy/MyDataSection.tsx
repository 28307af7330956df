import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { Button, Card, Checkbox, Form, TextField, check } from '../../ui';
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
    <DialogTrigger>
      <Button variant="danger">Supprimer mon compte</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal privacy-modal">
          <Dialog className="dialog" role="alertdialog">
            {({ close }) => (
              <>
                <Heading slot="title">Supprimer mon compte</Heading>
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
                <Form
                  labels={{ password: 'Mot de passe' }}
                  validate={(v) => check(v, { password: { required: true } })}
                  onSubmit={async (v) => {
                    await remove.mutateAsync({ password: v.password!, deleteContent: v.deleteContent === 'true' });
                    close();
                    navigate('/compte-supprime', { replace: true, state: { deleted: true } });
                  }}
                >
                  <TextField name="password" type="password" label="Mot de passe" description="Pour confirmer qu’il s’agit bien de vous." autoComplete="current-password" isRequired />
                  <Checkbox name="deleteContent" description="Elles disparaîtront des e-communautés et leur texte sera effacé.">
                    Supprimer aussi mes publications et mes commentaires
                  </Checkbox>
                  <div className="form__actions">
                    <Button type="submit" variant="danger" isPending={remove.isPending}>Supprimer définitivement mon compte</Button>
                    <Button variant="secondary" onPress={close} autoFocus>Annuler</Button>
                  </div>
                </Form>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
