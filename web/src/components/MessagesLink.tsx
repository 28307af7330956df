import { NavLink } from 'react-router';
import { useUnreadMessages } from '../api/messages';
import { plural } from '../lib/format';
import './messages-link.css';

/** The header's way to private messages, with the number of unread ones (kept fresh by the live stream). */
export function MessagesLink() {
  const unread = useUnreadMessages(true).data?.unread ?? 0;
  return (
    <NavLink to="/messages" className="btn btn--ghost btn--small messages-link">
      Messages
      {unread > 0 ? (
        <>
          <span className="messages-link__badge" aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
          <span className="visually-hidden"> ({plural(unread, 'non lu', 'non lus')})</span>
        </>
      ) : null}
    </NavLink>
  );
}
