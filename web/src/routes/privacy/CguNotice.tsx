import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { Link, useLocation } from 'react-router';
import { useSignOut } from '../../components/useSignOut';
import { Alert, Button } from '../../ui';
import { useAcceptCgu, useCguToAccept, type CguToAccept } from './api';
import './privacy.css';

/**
 * Asks a signed-in member to accept a new CGU version. Everywhere but on the CGU page it is a modal
 * dialog (writes are refused by the server until they accept); on the CGU page it becomes a banner,
 * so the text can be read first.
 */
export function CguNotice() {
  const cgu = useCguToAccept();
  const { pathname } = useLocation();
  if (!cgu) return null;
  if (pathname === '/pages/cgu') {
    return (
      <div className="cgu-banner" role="region" aria-label="Nouvelles conditions générales d’utilisation">
        <Alert tone="warning" title="Les conditions générales d’utilisation ont changé">
          <p>Lisez la version {cgu.version} ci-dessous, puis acceptez-la pour continuer à participer.</p>
          <CguActions cgu={cgu} />
        </Alert>
      </div>
    );
  }
  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable={false} isKeyboardDismissDisabled>
      <Modal className="modal privacy-modal">
        <Dialog className="dialog" role="alertdialog" aria-describedby="cgu-notice-text">
          <Heading slot="title">Les conditions générales d’utilisation ont changé</Heading>
          <div id="cgu-notice-text" className="stack">
            <p>
              Une nouvelle version (version {cgu.version}) des conditions générales d’utilisation est en vigueur.
              Pour continuer à publier, commenter ou réagir, lisez-la et acceptez-la.
            </p>
            <p><Link to="/pages/cgu">Lire les conditions générales d’utilisation</Link></p>
          </div>
          <CguActions cgu={cgu} />
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function CguActions({ cgu }: { cgu: CguToAccept }) {
  const accept = useAcceptCgu();
  const { signOut, isPending } = useSignOut();
  return (
    <>
      {accept.error ? <Alert tone="error"><p>{accept.error.message}</p></Alert> : null}
      <div className="form__actions">
        <Button autoFocus isPending={accept.isPending} onPress={() => accept.mutate(cgu.version)}>J’accepte</Button>
        <Button variant="secondary" isPending={isPending} onPress={signOut}>Me déconnecter</Button>
      </div>
    </>
  );
}
