import { RequireAuth } from '../RequireAuth';
import { useTitle } from '../../lib/useTitle';
import { Button, LoadMore, QueryState } from '../../ui';
import { useMarkAllRead, useNotifications, useUnreadCount } from './api';
import { NotificationItems } from './NotificationItems';
import './notifications.css';

/** /notifications — every notification, newest first. */
export default function NotificationsPage() {
  useTitle('Mes notifications');
  return (
    <RequireAuth>
      <AllNotifications />
    </RequireAuth>
  );
}

function AllNotifications() {
  const list = useNotifications();
  const count = useUnreadCount(true);
  const markAll = useMarkAllRead();
  const unread = count.data?.unread ?? 0;
  return (
    <>
      <div className="page-head">
        <h1>Mes notifications</h1>
        <Button variant="secondary" small isDisabled={unread === 0} isPending={markAll.isPending} onPress={() => markAll.mutate()}>
          Tout marquer comme lu
        </Button>
      </div>
      <QueryState query={list}>
        {(data) => <NotificationItems items={data.pages.flatMap((p) => p.items)} />}
      </QueryState>
      <LoadMore query={list} />
    </>
  );
}
