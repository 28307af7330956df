/**
 * Time left before an answer deadline, in French: "reste 1 j 4 h", "en retard de 5 h".
 * The short form is shown; screen readers get the words in full ("1 jour et 4 heures").
 */

interface Parts {
  days: number;
  hours: number;
  minutes: number;
}

function split(ms: number): Parts {
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  return { days: Math.floor(totalMinutes / 1440), hours: Math.floor((totalMinutes % 1440) / 60), minutes: totalMinutes % 60 };
}

function short({ days, hours, minutes }: Parts): string {
  if (days > 0) return hours > 0 ? `${days} j ${hours} h` : `${days} j`;
  if (hours > 0) return `${hours} h`;
  return `${Math.max(minutes, 1)} min`;
}

const word = (n: number, one: string) => `${n} ${one}${n > 1 ? 's' : ''}`;

function long({ days, hours, minutes }: Parts): string {
  if (days > 0) return hours > 0 ? `${word(days, 'jour')} et ${word(hours, 'heure')}` : word(days, 'jour');
  if (hours > 0) return word(hours, 'heure');
  return word(Math.max(minutes, 1), 'minute');
}

export function timeLeftText(deadlineAt: string, now: number): { short: string; long: string; overdue: boolean } {
  const ms = new Date(deadlineAt).getTime() - now;
  const parts = split(ms);
  return ms < 0
    ? { short: `en retard de ${short(parts)}`, long: `en retard de ${long(parts)}`, overdue: true }
    : { short: `reste ${short(parts)}`, long: `reste ${long(parts)}`, overdue: false };
}

export function TimeLeft({ deadlineAt, now }: { deadlineAt: string; now: number }) {
  const t = timeLeftText(deadlineAt, now);
  return (
    <span className={`time-left${t.overdue ? ' time-left--overdue' : ''}`}>
      <span aria-hidden="true">{t.short}</span>
      <span className="visually-hidden">{t.long}</span>
    </span>
  );
}

/** "2 h 15 min", "3 j 4 h" for a duration in seconds (figures). */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const p = split(seconds * 1000);
  if (p.days > 0) return p.hours > 0 ? `${p.days} j ${p.hours} h` : `${p.days} j`;
  if (p.hours > 0) return p.minutes > 0 ? `${p.hours} h ${p.minutes} min` : `${p.hours} h`;
  return `${p.minutes} min`;
}

export function formatShare(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)} %`;
}
