import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { quarterOf } from '../modules/steering/coordinator.js';

import { addDays, addMonths, lastDayOfMonth, parisMonthNow, parisToUtc, utcToParis } from '../../../common/time/index.js';
import { eventDayFrom } from './demo-dates.js';

/** The review meetings' days when the demo is loaded on `today`: about twenty days ago and in ten days, on working days. */
export function planDemoMeetings(today: string): { held: string; next: string } {
  return { held: eventDayFrom(addDays(today, -20), -1), next: eventDayFrom(addDays(today, 10)) };
}

/**
 * Politique de la Ville's review meetings: last quarter's, held twenty days ago with its minutes and decisions,
 * and one in ten days on the quarter so far, for which the animator can prepare an activity report in the demo.
 */
export async function seedDemoReports(tx: DbOrTx, now: Date): Promise<void> {
  const { rows } = await tx.execute<{ community_id: number; coordinator: number; animator: number }>(sql`
    SELECT c.id AS community_id, k.id AS coordinator, a.id AS animator
      FROM communities c, users k, users a
     WHERE c.slug = 'politique-de-la-ville' AND k.email = 'coordination@e-communautes.test' AND a.email = 'animation@e-communautes.test'`);
  const r = rows[0];
  if (!r) return;
  const month = parisMonthNow(now);
  const current = quarterOf(month);
  const last = quarterOf(addMonths(current.from, -1));
  // At 10:00 in Paris on a working day, not at the minute the demo was seeded.
  const days = planDemoMeetings(utcToParis(now).date);
  const meetings = [
    {
      at: parisToUtc(days.held, '10:00')!, from: last.from, to: addMonths(last.from, 2),
      agenda: `Bilan du ${last.label} : audience, questions, modération.\nProgrammation : dossiers et rendez-vous du trimestre.`,
      minutes: 'Tour de table des chiffres du trimestre : audience en hausse, délais de réponse tenus sauf pendant l’été.',
      decisions: 'Un dossier « renouvellement urbain » ; un webinaire sur la gestion urbaine et sociale de proximité.',
    },
    {
      // The quarter so far, analysed from the animators' activity reports.
      at: parisToUtc(days.next, '10:00')!, from: current.from, to: month,
      agenda: `Point d’étape du ${current.label} à partir des rapports d’activité.\nLigne éditoriale et dossiers à venir.`,
      minutes: null, decisions: null,
    },
  ];
  for (const m of meetings) {
    const { rows: created } = await tx.execute<{ id: number }>(sql`
      INSERT INTO review_meetings (community_id, scheduled_at, period_from, period_to, agenda, minutes, decisions, minutes_by, minutes_at, created_by)
      VALUES (${r.community_id}, ${m.at.toISOString()}, ${`${m.from}-01`}, ${lastDayOfMonth(m.to)}, ${m.agenda}, ${m.minutes}, ${m.decisions},
              ${m.minutes ? r.coordinator : null}, ${m.minutes ? m.at.toISOString() : null}, ${r.coordinator})
      RETURNING id`);
    await tx.execute(sql`
      INSERT INTO review_meeting_participants (meeting_id, user_id) VALUES (${created[0]!.id}, ${r.coordinator}), (${created[0]!.id}, ${r.animator})`);
  }
}
