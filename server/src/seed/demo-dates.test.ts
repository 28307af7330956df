import { describe, expect, it } from 'vitest';
import { addDays, frenchHolidays, utcToParis } from '../../../common/time/index.js';
import { planDemoEvents } from './demo-agenda.js';
import { planDemoMeetings } from './demo-reports.js';
import { planDemoNetworkEvents } from './demo-national.js';
import { seasonOf } from './demo-dates.js';

/** Every day of two years, as the day the demo is loaded. */
const TODAYS = Array.from({ length: 731 }, (_, i) => addDays('2026-01-01', i));

/** Why a day cannot hold a meeting, or null. Written independently of demo-dates.ts. */
function problem(date: string): string | null {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (weekday === 0) return 'dimanche';
  if (weekday === 6) return 'samedi';
  const holiday = frenchHolidays(Number(date.slice(0, 4))).get(date);
  if (holiday) return holiday;
  if (date.slice(5) >= '12-24' || date.slice(5) === '01-01') return 'fêtes de fin d’année';
  return null;
}

describe('demo dates, for every day of two years as « today »', () => {
  it('the agenda’s events fall on working days, keep their side of today and are named after their season', () => {
    for (const today of TODAYS) {
      for (const { event, title, first, last } of planDemoEvents(today)) {
        for (let d = first; d <= last; d = addDays(d, 1)) expect(problem(d), `${today} : « ${title} » le ${d}`).toBeNull();
        expect(event.inDays < 0 ? first < today : first > today, `${today} : « ${title} » le ${first}`).toBe(true);
        if (/^Université/.test(title)) {
          const month = Number(first.slice(5, 7));
          expect(title, `${today} → ${first}`).toContain(seasonOf(first) === 'printemps' ? 'de printemps' : `d’${seasonOf(first)}`);
          if (title.includes('automne')) expect(month >= 9 && month <= 12, `${today} → ${first}`).toBe(true);
        }
      }
    }
  });

  it('the network’s monthly session is next month on a working day, the gathering on two working days', () => {
    for (const today of TODAYS) {
      const [exchange, gathering] = planDemoNetworkEvents(today);
      const day = utcToParis(exchange!.startsAt).date;
      expect(problem(day), `${today} : échange le ${day}`).toBeNull();
      expect(utcToParis(exchange!.startsAt).time).toBe('10:00');
      expect(exchange!.month).toBe(`${day.slice(0, 7)}-01`);
      expect(day > today).toBe(true);
      const first = utcToParis(gathering!.startsAt).date;
      const second = utcToParis(gathering!.endsAt).date;
      expect(second).toBe(addDays(first, 1));
      expect([problem(first), problem(second)], `${today} : rassemblement le ${first}`).toEqual([null, null]);
    }
  });

  it('review meetings: one held about twenty days ago, the next in about ten days, on working days', () => {
    for (const today of TODAYS) {
      const { held, next } = planDemoMeetings(today);
      expect([problem(held), problem(next)], `${today} : ${held}, ${next}`).toEqual([null, null]);
      expect(held < today && next > today).toBe(true);
    }
  });

  it('on 6 December, nothing lands on Christmas and the university is not an autumn one in January', () => {
    const events = planDemoEvents('2026-12-06');
    expect(events.map((e) => e.first)).not.toContain('2026-12-25');
    const university = events.find((e) => e.title.startsWith('Université'))!;
    expect(university.first.slice(0, 7)).toBe('2027-01');
    expect(university.title).toBe('Université d’hiver des acteurs de la cohésion urbaine');
  });
});
