import { ERRORS, type ErrorCode } from '../../../../common/errors';
import { RequireAuth } from '../../components/RequireAuth';
import { formatDateTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { LoadMore, QueryState } from '../../ui';
import { useSecurityEvents } from './api';
import '../moderation/moderation.css';

const KINDS: Record<string, string> = { 'oidc-callback-refused': 'Retour de ProConnect refusé' };

/**
 * /journal-de-securite — refused ProConnect sign-ins for the national team: many state or token refusals in a
 * short time point to an attack or a misconfigured provider. No person, address or token is recorded.
 */
export default function SecurityEventsPage() {
  useTitle('Journal de sécurité');
  return (
    <RequireAuth admin>
      <h1>Journal de sécurité</h1>
      <p className="muted">
        Les connexions ProConnect refusées (retour forgé ou rejoué, jeton invalide, accès filtré…), du plus récent au
        plus ancien. Ni personne, ni adresse IP, ni jeton n’y est enregistré.
      </p>
      <Events />
    </RequireAuth>
  );
}

function Events() {
  const events = useSecurityEvents();
  return (
    <QueryState query={events} loading="Chargement du journal…">
      {(data) => {
        const items = data.pages.flatMap((p) => p.items);
        if (items.length === 0) return <p>Aucun événement pour l’instant.</p>;
        return (
          <>
            <div className="mod-table-scroll">
              <table className="mod-table">
                <caption className="visually-hidden">Journal de sécurité, du plus récent au plus ancien</caption>
                <thead><tr><th scope="col">Date</th><th scope="col">Événement</th><th scope="col">Code</th><th scope="col">Message montré</th></tr></thead>
                <tbody>
                  {items.map((e) => (
                    <tr key={e.id}>
                      <td><time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time></td>
                      <td>{KINDS[e.kind] ?? e.kind}</td>
                      <td><code>{e.code}</code></td>
                      <td>{e.code in ERRORS ? ERRORS[e.code as ErrorCode].message : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <LoadMore query={events} label="Afficher les événements plus anciens" />
          </>
        );
      }}
    </QueryState>
  );
}
