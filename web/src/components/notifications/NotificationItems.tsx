import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { describe, useMarkRead, type Notification } from './api';

const ACTION_TEXT: Record<string, string> = {
  keep: 'conservé', hide: 'masqué', edit: 'modifié', anonymise: 'anonymisé', delete: 'supprimé', warn: 'avertissement', suspend: 'suspension', ban: 'exclusion',
};

/** A list of notifications with read/unread state; following a link marks it read. */
export function NotificationItems({ items, onNavigate }: { items: Notification[]; onNavigate?: () => void }) {
  const markRead = useMarkRead();
  if (items.length === 0) return <p className="muted">Aucune notification pour le moment.</p>;
  return (
    <ul className="notif-list">
      {items.map((n) => (
        <li key={n.id} className={`notif-item${n.read ? '' : ' notif-item--unread'}`}>
          <Link
            to={n.link}
            onClick={() => {
              if (!n.read) markRead.mutate(n.id);
              onNavigate?.();
            }}
          >
            {n.read ? null : <span className="visually-hidden">Non lue : </span>}
            <span className="notif-item__text">{describe(n)}</span>
            {n.title ? <span className="notif-item__title">« {n.title} »</span> : null}
            <span className="notif-item__meta small muted">
              {n.action ? `${ACTION_TEXT[n.action] ?? n.action} · ` : ''}
              {n.community ? `${n.community.name} · ` : ''}
              <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
