import { useEffect, useRef, useState } from 'react';
import { Button as AriaButton, Dialog, DialogTrigger, Heading, Popover } from 'react-aria-components';
import { Link } from 'react-router';
import { useCurrentUser } from '../../api/session';
import { Button, Spinner } from '../../ui';
import { useMarkAllRead, useNotifications, useNotificationStream, useUnreadCount } from './api';
import { NotificationItems } from './NotificationItems';
import './notifications.css';

function unreadLabel(n: number): string {
  return `${n} non lue${n > 1 ? 's' : ''}`;
}

/** The bell in the header: unread count (announced politely), a popover with the latest notifications. */
export function NotificationBell() {
  const user = useCurrentUser();
  const signedIn = Boolean(user);
  const [open, setOpen] = useState(false);
  useNotificationStream(signedIn);
  const count = useUnreadCount(signedIn);
  const list = useNotifications(signedIn && open);
  const markAll = useMarkAllRead();
  const unread = count.data?.unread ?? 0;
  // Announce changes only, not the count every page load already shows on the button.
  const previous = useRef<number | null>(null);
  const [announce, setAnnounce] = useState('');
  useEffect(() => {
    if (count.data === undefined) return;
    if (previous.current !== null && previous.current !== unread) setAnnounce(`Notifications : ${unreadLabel(unread)}`);
    previous.current = unread;
  }, [count.data, unread]);
  if (!user) return null;
  const items = list.data?.pages.flatMap((p) => p.items).slice(0, 10) ?? [];
  return (
    <>
      <DialogTrigger isOpen={open} onOpenChange={setOpen}>
        <AriaButton className="btn btn--ghost btn--small notif-bell" aria-label={`Notifications (${unreadLabel(unread)})`}>
          <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
            <path d="M13.7 21a2 2 0 0 1-3.4 0" />
          </svg>
          {unread > 0 ? <span className="notif-bell__badge" aria-hidden="true">{unread > 99 ? '99+' : unread}</span> : null}
        </AriaButton>
        <Popover placement="bottom end" className="notif-popover">
          <Dialog className="notif-dialog" aria-label="Notifications">
            <div className="notif-dialog__head">
              <Heading slot="title" className="notif-dialog__title">Notifications</Heading>
              <Button variant="secondary" small isDisabled={unread === 0} isPending={markAll.isPending} onPress={() => markAll.mutate()}>
                Tout marquer comme lu
              </Button>
            </div>
            {list.isPending ? <Spinner /> : <NotificationItems items={items} onNavigate={() => setOpen(false)} />}
            <p className="notif-dialog__foot"><Link to="/notifications" onClick={() => setOpen(false)}>Toutes les notifications</Link></p>
          </Dialog>
        </Popover>
      </DialogTrigger>
      <span className="visually-hidden" aria-live="polite" role="status">
        {announce}
      </span>
    </>
  );
}
