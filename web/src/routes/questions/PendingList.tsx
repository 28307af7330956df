import { Link } from 'react-router';
import { formatDateTime, fullName, plural } from '../../lib/format';
import { Icon, LoadMore, QueryState } from '../../ui';
import { usePending, type PendingQuestion } from './api';
import { TimeLeft } from './time-left';

/** "Questions à traiter": open questions, least time left first; overdue ones marked in words and by an icon. */
export function PendingList({ slug }: { slug: string }) {
  const pending = usePending(slug);
  return (
    <QueryState query={pending} loading="Chargement des questions à traiter…">
      {(data) => {
        const first = data.pages[0]!;
        const items = data.pages.flatMap((p) => p.items);
        const now = Date.parse(first.now);
        return (
          <>
            <p className="lead">
              {first.counts.open === 0
                ? 'Aucune question en attente de réponse.'
                : `${plural(first.counts.open, 'question ouverte', 'questions ouvertes')}, dont ${plural(first.counts.overdue, 'en retard', 'en retard')}.`}
            </p>
            {items.length > 0 ? (
              <ol className="plain-list pending-list" aria-label="Questions à traiter, de la plus urgente à la moins urgente">
                {items.map((q) => <PendingItem key={q.id} q={q} now={now} showCommunity={!slug} />)}
              </ol>
            ) : null}
            <LoadMore query={pending} label="Charger plus de questions" />
          </>
        );
      }}
    </QueryState>
  );
}

function PendingItem({ q, now, showCommunity }: { q: PendingQuestion; now: number; showCommunity: boolean }) {
  const overdue = Date.parse(q.deadlineAt) < now;
  return (
    <li className={`card pending-item${overdue ? ' pending-item--overdue' : ''}`}>
      <p className="pending-item__when">
        {/* One statement: "⚠ en retard de 1 j 5 h" (not "En retard" followed by "en retard de…"). */}
        {overdue ? (
          <strong className="pending-item__flag"><Icon name="warning" />{' '}<TimeLeft deadlineAt={q.deadlineAt} now={now} /></strong>
        ) : <TimeLeft deadlineAt={q.deadlineAt} now={now} />}
      </p>
      <h3 className="pending-item__title"><Link to={`/publications/${q.id}`}>{q.title}</Link></h3>
      <p className="small muted">
        {showCommunity ? <><Link to={`/communautes/${q.community.slug}/questions`}>{q.community.name}</Link> · </> : null}
        Posée par {fullName(q.author)} le <time dateTime={q.askedAt}>{formatDateTime(q.askedAt)}</time>
        {' '}· échéance le <time dateTime={q.deadlineAt}>{formatDateTime(q.deadlineAt)}</time>
        {' '}· {plural(q.commentCount, 'commentaire')}
      </p>
    </li>
  );
}
