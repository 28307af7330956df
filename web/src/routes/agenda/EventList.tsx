import { Link } from 'react-router';
import type { AgendaEvent, MonthEvent } from './api';
import { formatWhen } from './dates';
import './agenda.css';

/** What a card shows: a month's event has no community (it is the page's), the network agenda's has one. */
type EventCard = MonthEvent & { community?: AgendaEvent['community'] };

/** Events as cards: title (link to the post), when, where, and the community on the network agenda. */
export function EventList({ events, showCommunity = false, headingLevel = 3 }: { events: EventCard[]; showCommunity?: boolean; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 4 ? 'h4' : 'h3';
  return (
    <ul className="plain-list event-list">
      {events.map((e) => (
        <li key={e.postId}>
          <article className="card event-card">
            <p className="event-card__when">
              <time dateTime={e.startsAt}>{formatWhen(e)}</time>
            </p>
            <H className="card__title"><Link to={`/publications/${e.postId}`}>{e.title}</Link></H>
            <p className="muted small">
              {showCommunity && e.community ? <><Link to={`/communautes/${e.community.slug}/agenda`}>{e.community.name}</Link>{e.place || e.onlineUrl ? ' · ' : ''}</> : null}
              {e.place ?? (e.onlineUrl ? 'En ligne' : '')}
              {e.place && e.onlineUrl ? ' et en ligne' : ''}
            </p>
          </article>
        </li>
      ))}
    </ul>
  );
}
