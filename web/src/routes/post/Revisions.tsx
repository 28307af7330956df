import { useState } from 'react';
import { useRevisions } from '../../api/posts';
import { formatDateTime, fullName } from '../../lib/format';
import { Button, QueryState } from '../../ui';

/** Earlier versions of an edited post, loaded on demand. */
export function Revisions({ postId }: { postId: number }) {
  const [open, setOpen] = useState(false);
  const revisions = useRevisions(postId, open);
  return (
    <section id="historique" aria-labelledby="history-title" className="history">
      <h2 id="history-title">Historique des modifications</h2>
      <Button variant="secondary" small aria-expanded={open} aria-controls="history-list" onPress={() => setOpen(!open)}>
        {open ? 'Masquer l’historique' : 'Afficher l’historique'}
      </Button>
      <div id="history-list">
        {open ? (
          <QueryState query={revisions}>
            {(data) =>
              data.items.length === 0 ? (
                <p className="muted">Aucune version antérieure.</p>
              ) : (
                <ol className="plain-list history__list">
                  {data.items.map((r) => (
                    <li key={r.id} className="card">
                      <h3 className="card__title">{r.title}</h3>
                      <p className="muted small">
                        Version du <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>, par {fullName(r.editedBy)}
                      </p>
                      <pre className="history__source">{r.bodyMd}</pre>
                    </li>
                  ))}
                </ol>
              )
            }
          </QueryState>
        ) : null}
      </div>
    </section>
  );
}
