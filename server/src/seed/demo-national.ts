import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { renderMarkdown } from '../lib/markdown.js';
import { addDays, parisToUtc, utcToParis } from '../../../common/time/index.js';
import { eventSpanFrom, monthAfter, nthWeekdayOfMonth } from './demo-dates.js';
import { parisZoneSql } from '../../../common/time/sql.js';

/**
 * The animators' network's dates when the demo is loaded on `today` (Paris): next month's exchange session on its
 * second Tuesday, 10:00–11:00, and the annual gathering three months ahead, two working days from the 14th.
 */
export function planDemoNetworkEvents(today: string): { kind: 'exchange' | 'gathering'; startsAt: Date; endsAt: Date; month: string }[] {
  const exchange = nthWeekdayOfMonth(monthAfter(today, 1), 2, 2);
  const gathering = eventSpanFrom(`${monthAfter(today, 3)}-14`, 2);
  return [
    { kind: 'exchange', startsAt: parisToUtc(exchange, '10:00')!, endsAt: parisToUtc(exchange, '11:00')!, month: `${exchange.slice(0, 7)}-01` },
    { kind: 'gathering', startsAt: parisToUtc(gathering, '09:00')!, endsAt: parisToUtc(addDays(gathering, 1), '17:00')!, month: `${gathering.slice(0, 7)}-01` },
  ];
}

type NetworkDates = ReturnType<typeof planDemoNetworkEvents>[number];

/**
 * The demo's national steering: the demo animator's assignment in Politique de la Ville (13 h a month at
 * the 4T1 scale) with last month's hours declared and waiting for the coordinator, the animators'
 * network's next exchange session and annual gathering, and one shared good practice.
 */
export async function seedDemoNational(tx: DbOrTx, now: Date): Promise<void> {
  const { rows } = await tx.execute<{ animator: number; admin: number; community: number }>(sql`
    SELECT (SELECT id FROM users WHERE email = 'animation@e-communautes.test')::int AS animator,
           (SELECT id FROM users WHERE email = 'admin@e-communautes.test')::int AS admin,
           (SELECT id FROM communities WHERE slug = 'politique-de-la-ville')::int AS community`);
  const r = rows[0];
  if (!r?.animator || !r.admin || !r.community) return;
  const { rows: assignment } = await tx.execute<{ id: number }>(sql`
    INSERT INTO animator_assignments (user_id, community_id, starts_on, monthly_hours, scale_code, hourly_rate_cents, created_by)
    VALUES (${r.animator}, ${r.community}, '2023-02-01', 13, '4T1', 3880, ${r.admin}) RETURNING id::int AS id`);
  // Last Paris month: 13 h, 504.40 EUR, declared and waiting for validation.
  await tx.execute(sql`
    INSERT INTO service_statements (assignment_id, community_id, month, minutes, note, amount_cents)
    VALUES (${assignment[0]!.id}, ${r.community},
            (date_trunc('month', ${now.toISOString()}::timestamptz AT TIME ZONE ${parisZoneSql}) - interval '1 month')::date,
            780, 'Dont la préparation de la réunion de programmation.', 50440)`);
  const [exchange, gathering] = planDemoNetworkEvents(utcToParis(now).date) as [NetworkDates, NetworkDates];
  await tx.execute(sql`
    INSERT INTO network_events (kind, title, description, location, starts_at, ends_at, month, created_by)
    VALUES ('exchange', 'Échange mensuel des animateurs', 'Tour de table : relancer une discussion qui s’essouffle.',
            'https://visio.e-communautes.test/echange', ${exchange.startsAt.toISOString()}, ${exchange.endsAt.toISOString()}, ${exchange.month}, ${r.admin}),
           ('gathering', 'Rassemblement annuel du réseau', 'Deux journées de travail entre animateurs, coordonnateurs et équipe nationale.',
            'CNFPT, Paris', ${gathering.startsAt.toISOString()}, ${gathering.endsAt.toISOString()}, ${gathering.month}, ${r.admin})`);
  const body = 'Le lundi matin, une question ouverte sur un sujet d’actualité : les réponses arrivent dans la journée.';
  await tx.execute(sql`
    INSERT INTO network_posts (author_id, title, body_md, body_html)
    VALUES (${r.animator}, 'Relancer une discussion le lundi', ${body}, ${renderMarkdown(body)})`);
}
