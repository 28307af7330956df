import { useOnline } from '../lib/offline';

/**
 * Says when the connection is lost. The live region is always in the page, so that screen readers announce
 * the message when it appears (a region inserted with its text is often not read).
 */
export function OfflineBanner() {
  const online = useOnline();
  return (
    <div role="status" className="offline-banner">
      {online ? null : (
        <div className="alert alert--warning">
          <p className="alert__title">Hors ligne</p>
          <p>
            Vous voyez les pages déjà consultées sur cet appareil. Publier, commenter ou voter sera de nouveau possible
            au retour de la connexion.
          </p>
        </div>
      )}
    </div>
  );
}
