import type { ReactElement } from 'react';
import { Link } from 'react-router';
import type { CalendarData, PlannedPost } from './api';
import { addDays, dayOf, longDay, timeOf, today, WEEKDAYS } from './dates';

const STATUS_LABELS: Record<PlannedPost['status'], string> = {
  draft: 'Brouillon', scheduled: 'Programmée', published: 'Publiée', cancelled: 'Annulée',
};

export type Occurrence = CalendarData['occurrences'][number];

interface Props {
  /** Mondays of the weeks shown (one for the week view). */
  weeks: string[];
  /** Days outside this month are dimmed in the month view. */
  month?: string;
  data: CalendarData;
  caption: string;
  onEdit: (p: PlannedPost) => void;
  onPlanOccurrence: (o: Occurrence) => void;
}

/**
 * The calendar as a table: a caption naming the period, a column per weekday, a cell per day listing
 * what is planned, the regular appointments, what was published and the events. Every item is a link
 * or a button, reachable by keyboard in reading order.
 */
export function CalendarGrid({ weeks, month, data, caption, onEdit, onPlanOccurrence }: Props) {
  const byDay = new Map<string, ReactElement[]>();
  const push = (day: string, el: ReactElement) => byDay.set(day, [...(byDay.get(day) ?? []), el]);
  for (const o of data.occurrences) {
    if (o.plannedPostId) continue;
    push(o.atLocal.slice(0, 10), (
      <li key={`o${o.slotId}-${o.atLocal}`} className="cal-item cal-item--slot">
        <span className="cal-item__time">{o.atLocal.slice(11)}</span> <span aria-hidden="true">↻</span>
        <span className="visually-hidden">Rendez-vous régulier :</span> {o.label}{' '}
        <button type="button" className="linklike" onClick={() => onPlanOccurrence(o)}>
          Planifier<span className="visually-hidden"> « {o.label} » du {longDay(o.atLocal.slice(0, 10))}</span>
        </button>
      </li>
    ));
  }
  for (const p of data.planned) {
    push(p.plannedAtLocal.slice(0, 10), (
      <li key={`p${p.id}`} className={`cal-item cal-item--${p.status}`}>
        <span className="cal-item__time">{p.plannedAtLocal.slice(11)}</span>{' '}
        <span className="cal-item__status">{STATUS_LABELS[p.status]}</span>{' '}
        {p.postId ? <Link to={`/publications/${p.postId}`}>{p.title}</Link> : p.can.edit ? (
          <button type="button" className="linklike" onClick={() => onEdit(p)}>
            <span className="visually-hidden">Modifier </span>{p.title}
          </button>
        ) : <span>{p.title}</span>}
      </li>
    ));
  }
  for (const e of data.events) {
    push(dayOf(e.startsAt), (
      <li key={`e${e.postId}`} className="cal-item cal-item--event">
        <span className="cal-item__time">{timeOf(e.startsAt)}</span> <span className="cal-item__status">Événement</span>{' '}
        <Link to={`/publications/${e.postId}`}>{e.title}</Link>
      </li>
    ));
  }
  // The week's turn opens its Monday, before anything planned that day.
  for (const d of data.duty) {
    byDay.set(d.weekStart, [(
      <li key={`d${d.weekStart}`} className="cal-item cal-item--duty">
        <span className="cal-item__status">Astreinte</span> : {d.animator.firstName} {d.animator.lastName}
      </li>
    ), ...(byDay.get(d.weekStart) ?? [])]);
  }
  const planned = new Set(data.planned.map((p) => p.postId).filter(Boolean));
  for (const p of data.published) {
    if (planned.has(p.id)) continue;
    push(dayOf(p.createdAt), (
      <li key={`x${p.id}`} className="cal-item cal-item--published">
        <span className="cal-item__time">{timeOf(p.createdAt)}</span> <span className="cal-item__status">En ligne</span>{' '}
        <Link to={`/publications/${p.id}`}>{p.title}</Link>
      </li>
    ));
  }
  const now = today();
  return (
    <div className="table-wrap">
      <table className="cal">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>{WEEKDAYS.map((w) => <th key={w} scope="col"><abbr title={w}>{w.slice(0, 3)}.</abbr></th>)}</tr>
        </thead>
        <tbody>
          {weeks.map((monday) => (
            <tr key={monday}>
              {WEEKDAYS.map((_, i) => {
                const day = addDays(monday, i);
                const items = byDay.get(day) ?? [];
                const outside = month !== undefined && day.slice(0, 7) !== month;
                return (
                  <td key={day} className={['cal-day', outside && 'cal-day--outside', day === now && 'cal-day--today'].filter(Boolean).join(' ')}
                    aria-current={day === now ? 'date' : undefined}>
                    <span className="cal-day__num" aria-hidden="true">{Number(day.slice(8))}</span>
                    <span className="cal-day__long">{longDay(day)}</span>
                    {items.length > 0 ? <ul className="cal-day__items">{items}</ul> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
