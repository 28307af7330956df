import { useOutbox } from '../../api/site';
import { formatDateTime } from '../../lib/format';
import { Badge, LoadMore, QueryState } from '../../ui';

const STATUS: Record<string, { label: string; tone: 'success' | 'warning' | 'neutral' }> = {
  sent: { label: 'Envoyé', tone: 'success' },
  pending: { label: 'En attente', tone: 'warning' },
  failed: { label: 'Échec', tone: 'warning' },
  outbox: { label: 'Boîte locale', tone: 'neutral' },
};

export function Outbox() {
  const outbox = useOutbox();
  const items = outbox.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title">Courriels envoyés</h2>
      <p className="muted">Sans serveur SMTP configuré, les courriels sont conservés ici (liens de confirmation, réinitialisation de mot de passe…).</p>
      <QueryState query={outbox}>
        {() =>
          items.length === 0 ? (
            <p className="muted">Aucun courriel.</p>
          ) : (
            <>
              <ul className="plain-list">
                {items.map((m) => (
                  <li key={m.id} className="card">
                    <details>
                      <summary>
                        <strong>{m.subject}</strong> — à {m.to}, le {formatDateTime(m.createdAt)}{' '}
                        <Badge tone={STATUS[m.status]?.tone ?? 'neutral'}>{STATUS[m.status]?.label ?? m.status}</Badge>
                      </summary>
                      <pre className="history__source">{m.text}</pre>
                    </details>
                  </li>
                ))}
              </ul>
              <LoadMore query={outbox} />
            </>
          )
        }
      </QueryState>
    </section>
  );
}
