import { useState } from 'react';
import { useFeedToken, useRenewFeedToken, useRevokeFeedToken } from '../api/feeds';
import { formatDate } from '../lib/format';
import { Alert, Button, QueryState, TextField } from '../ui';

interface Props {
  /** Which of the two private addresses this page offers. */
  kind: 'agenda' | 'atom';
  headingId: string;
  title: string;
}

/**
 * A private subscription address: created, copied, regenerated or revoked here. Calendar applications and feed
 * readers send no cookie, so the address carries a secret; it is shown only right after it is made.
 */
export function PrivateFeed({ kind, headingId, title }: Props) {
  const state = useFeedToken();
  const renew = useRenewFeedToken();
  const revoke = useRevokeFeedToken();
  const [copied, setCopied] = useState(false);
  const made = renew.data && !revoke.isSuccess ? renew.data : null;
  const url = made ? (kind === 'agenda' ? made.agendaUrl : made.atomUrl) : null;
  const what = kind === 'agenda' ? 'Adresse privée de mon agenda (iCalendar)' : 'Adresse privée du flux Atom de mes e-communautés';
  const make = () => { setCopied(false); revoke.reset(); renew.mutate(); };
  return (
    <section aria-labelledby={headingId} className="stack private-feed">
      <h2 id={headingId}>{title}</h2>
      <p className="small muted">
        {kind === 'agenda'
          ? 'Les événements de toutes vos e-communautés dans votre application d’agenda, mis à jour automatiquement.'
          : 'Les dernières publications de toutes vos e-communautés dans votre lecteur de flux.'}
        {' '}Cette adresse est personnelle : ne la partagez pas. Une même clé sert à « Mon agenda » et au flux Atom de « Mon fil » ; la régénérer remplace les deux adresses.
      </p>
      <QueryState query={state} loading="Chargement…">
        {(s) => (
          <>
            {url ? (
              <div className="stack">
                <TextField name={`private-${kind}-url`} label={what} value={url} wide />
                <div className="row">
                  <Button small onPress={() => { void navigator.clipboard?.writeText(url).then(() => setCopied(true)); }}>Copier l’adresse</Button>
                  {kind === 'agenda' ? <a className="btn btn--secondary btn--small" href={url.replace(/^https?:/, 'webcal:')}>Ouvrir dans mon application d’agenda</a> : null}
                  <span role="status" aria-live="polite" className="small">{copied ? 'Adresse copiée.' : ''}</span>
                </div>
                <p className="small muted">Elle n’est affichée qu’une fois : copiez-la maintenant.</p>
              </div>
            ) : s.createdAt ? (
              <p className="small">
                Votre adresse privée est active depuis le {formatDate(s.createdAt)}. Pour l’afficher de nouveau, régénérez-la : l’ancienne cessera de fonctionner.
              </p>
            ) : null}
            <div className="row">
              <Button variant="secondary" small isPending={renew.isPending} onPress={make}>
                {s.createdAt ? 'Régénérer l’adresse privée' : 'Créer mon adresse privée'}
              </Button>
              {s.createdAt ? (
                <Button variant="secondary" small isPending={revoke.isPending} onPress={() => { setCopied(false); revoke.mutate(); }}>Révoquer</Button>
              ) : null}
            </div>
            {revoke.isSuccess && !s.createdAt ? <p role="status" className="small">Adresse révoquée : elle ne fonctionne plus.</p> : null}
            {renew.error ? <Alert tone="error"><p>{renew.error.message}</p></Alert> : null}
            {revoke.error ? <Alert tone="error"><p>{revoke.error.message}</p></Alert> : null}
          </>
        )}
      </QueryState>
    </section>
  );
}
