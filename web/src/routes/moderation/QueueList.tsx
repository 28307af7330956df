import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../api/session';
import { formatDateTime, fullName, plural } from '../../lib/format';
import { Badge, Icon, LoadMore, QueryState } from '../../ui';
import { useQueue, type ModerationAction, type QueueItem } from './api';
import { ActionDialog } from './ActionDialog';
import { historyText, waitingLong, waitingShort } from './labels';

const ACTIONS: ModerationAction[] = ['keep', 'hide', 'edit', 'anonymise', 'delete', 'warn', 'suspend', 'ban'];

/** Said instead of the buttons on an item by oneself or by someone of equal or higher rank. */
const OUT_OF_RANK = 'Vous ne pouvez pas décider sur ce contenu (le vôtre, ou celui d’un membre de rang égal ou supérieur) : la coordination ou l’équipe nationale s’en charge.';

const keyOf = (item: QueueItem) => `${item.type}-${item.id}`;

/** The pending flags, one card per flagged item, oldest waiting first. `slug` null: the whole network. */
export function QueueList({ slug }: { slug: string | null }) {
  const queue = useQueue(slug);
  const me = useCurrentUser();
  const isAdmin = me?.nationalRole === 'admin';
  // A card whose decision dialog is open stays on screen even when the queue, read again meanwhile, no
  // longer lists it (another moderator decided): its dialog then says so instead of vanishing mid-decision.
  const [held, setHeld] = useState<Record<string, QueueItem>>({});
  const hold = (item: QueueItem, open: boolean) => setHeld((current) => {
    const { [keyOf(item)]: _closed, ...others } = current;
    return open ? { ...others, [keyOf(item)]: item } : others;
  });
  return (
    <QueryState query={queue} loading="Chargement de la file de modération…">
      {(data) => {
        const listed = data.pages.flatMap((p) => p.items);
        const keys = new Set(listed.map(keyOf));
        const items = [...Object.values(held).filter((i) => !keys.has(keyOf(i))), ...listed];
        if (items.length === 0) return <p><Icon name="check" /> Aucun signalement en attente.</p>;
        return (
          <>
            <ol className="queue" aria-label="Contenus signalés, du plus ancien au plus récent">
              {items.map((item) => <QueueCard key={keyOf(item)} item={item} network={slug === null} isAdmin={isAdmin} onDialog={(open) => hold(item, open)} />)}
            </ol>
            <LoadMore query={queue} label="Afficher plus de signalements" />
          </>
        );
      }}
    </QueryState>
  );
}

function QueueCard({ item, network, isAdmin, onDialog }: { item: QueueItem; network: boolean; isAdmin: boolean; onDialog: (open: boolean) => void }) {
  const kind = item.type === 'post' ? 'Publication' : 'Commentaire';
  // A hidden item is restored rather than hidden again; the server says which decisions are ours to take.
  const actions = ACTIONS.map((a) => (a === 'hide' && item.hidden ? 'unhide' : a)).filter((a) => item.can.actions.includes(a));
  const titleId = `queue-${item.type}-${item.id}`;
  return (
    <li>
      <article className="card" aria-labelledby={titleId}>
        <div className="queue-item__head">
          <h3 className="queue-item__title" id={titleId}>
            {kind} : <Link to={item.link}>{item.type === 'post' ? item.title : `sur « ${item.title} »`}</Link>
          </h3>
          <span className="waiting">
            <span aria-hidden="true">en attente depuis {waitingShort(item.oldestFlagAt)}</span>
            <span className="visually-hidden">en attente depuis {waitingLong(item.oldestFlagAt)}</span>
          </span>
        </div>
        <p className="small muted">
          {network ? <>{item.community.name} · </> : null}
          publié le <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
          {item.hidden ? <> · <Badge tone="warning">masqué</Badge></> : null}
          {item.moderated ? <> · <Badge tone="info">modéré</Badge></> : null}
          {item.deleted ? <> · <Badge tone="neutral">supprimé</Badge></> : null}
        </p>
        <blockquote className="queue-item__excerpt">{item.excerpt || <em>(texte vide)</em>}</blockquote>
        <dl className="queue-item__facts">
          <div>
            <dt>Motifs ({plural(item.flagCount, 'signalement')})</dt>
            <dd>{item.reasons.map((r) => `${r.label} × ${r.count}`).join(', ')}</dd>
          </div>
          <div>
            <dt>Auteur·e</dt>
            <dd>
              <Link to={`/membres/${item.author.id}`}>{fullName(item.author)}</Link>
              {' '}— {plural(item.author.postCount, 'publication')}, {plural(item.author.commentCount, 'commentaire')} ;{' '}
              {historyText(item.author.actions)}
              {item.author.suspendedUntil ? <>, suspendu·e jusqu’au {formatDateTime(item.author.suspendedUntil)}</> : null}
              {item.author.banned ? <>, <strong>exclu·e du réseau</strong></> : null}
            </dd>
          </div>
          <div>
            <dt>Signalé par</dt>
            <dd>
              <ul className="queue-item__reporters">
                {item.reporters.map((r) => (
                  <li key={r.id}>
                    {fullName(r)}, <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
                    {r.comment ? <> : « {r.comment} »</> : null}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        </dl>
        {actions.length > 0 ? (
          <div className="row" role="group" aria-label="Décisions possibles" style={{ marginTop: 'var(--sp-4)' }}>
            {actions.map((a) => <ActionDialog key={a} item={item} action={a} isAdmin={isAdmin} onOpenChange={onDialog} />)}
          </div>
        ) : (
          <p className="small muted" style={{ marginTop: 'var(--sp-4)' }}>
            {OUT_OF_RANK}
          </p>
        )}
      </article>
    </li>
  );
}
