import { useState } from 'react';
import { Link } from 'react-router';
import { Button, QueryState } from '../../ui';
import { useMonthEvents, type MonthEvent } from './api';
import { EventList } from './EventList';
import { formatDay, formatMonth, formatTime, monthGrid, parisToday } from './dates';

const WEEKDAYS = [
  ['lun.', 'lundi'], ['mar.', 'mardi'], ['mer.', 'mercredi'], ['jeu.', 'jeudi'],
  ['ven.', 'vendredi'], ['sam.', 'samedi'], ['dim.', 'dimanche'],
] as const;

/**
 * A month as a table: a caption naming the month, one column per weekday, one cell per day
 * listing its events as links. Previous/next buttons move the month; the caption is announced.
 */
export function MonthView({ slug }: { slug: string }) {
  const today = parisToday();
  const [ym, setYm] = useState({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) });
  const weeks = monthGrid(ym.year, ym.month);
  const from = weeks[0]![0]!;
  const to = weeks[weeks.length - 1]![6]!;
  const query = useMonthEvents(slug, from, to);
  const label = formatMonth(ym.year, ym.month);
  const move = (delta: number) => setYm(({ year, month }) => {
    const m = month + delta;
    return { year: year + Math.floor((m - 1) / 12), month: ((m - 1 + 12) % 12) + 1 };
  });
  const monthPrefix = `${ym.year}-${String(ym.month).padStart(2, '0')}`;

  return (
    <section aria-labelledby="month-title" className="month">
      <div className="month__head">
        <h2 id="month-title" className="month__title" aria-live="polite">{capitalize(label)}</h2>
        <div className="row">
          <Button variant="secondary" small onPress={() => move(-1)}>← Mois précédent</Button>
          <Button variant="secondary" small onPress={() => move(1)}>Mois suivant →</Button>
        </div>
      </div>
      <QueryState query={query} loading="Chargement du mois…">
        {(page) => (
          <div className="table-wrap month__wrap" role="region" aria-label={`Calendrier de ${label}`} tabIndex={0}>
            <table className="month__table">
              <caption className="visually-hidden">Événements de {label}</caption>
              <thead>
                <tr>
                  {WEEKDAYS.map(([short, full]) => <th key={full} scope="col"><abbr title={full}>{short}</abbr></th>)}
                </tr>
              </thead>
              <tbody>
                {weeks.map((week) => (
                  <tr key={week[0]}>
                    {week.map((day) => {
                      const events = page.items.filter((e) => e.startDate <= day && day <= e.endDate);
                      const outside = !day.startsWith(monthPrefix);
                      return (
                        <td key={day} className={['month__day', outside && 'month__day--outside', day === today && 'month__day--today'].filter(Boolean).join(' ')}>
                          <span className="month__num">
                            <span aria-hidden="true">{Number(day.slice(8))}</span>
                            <span className="visually-hidden">{formatDay(day)}{day === today ? ' (aujourd’hui)' : ''}</span>
                          </span>
                          {events.length > 0 ? (
                            <ul className="plain-list month__events">
                              {events.map((e) => <li key={e.postId}><DayEvent event={e} day={day} /></li>)}
                            </ul>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      {query.data && query.data.items.length === 0 ? <p className="muted month__empty">Aucun événement en {label}.</p> : null}
      {query.data && query.data.items.length > 0 ? (
        <div className="month__list">
          <h3>Les événements de {label}</h3>
          <EventList events={query.data.items.filter((e) => e.endDate >= `${monthPrefix}-01` && e.startDate <= `${monthPrefix}-31`)} headingLevel={4} />
        </div>
      ) : null}
    </section>
  );
}

function DayEvent({ event, day }: { event: MonthEvent; day: string }) {
  const time = !event.allDay && event.startDate === day && event.startTime ? `${formatTime(event.startTime)} ` : '';
  return <Link to={`/publications/${event.postId}`} className="month__event">{time}{event.title}</Link>;
}

function capitalize(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
