import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { renderMarkdown } from '../lib/markdown.js';

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
            (date_trunc('month', ${now.toISOString()}::timestamptz AT TIME ZONE 'Europe/Paris') - interval '1 month')::date,
            780, 'Dont la préparation de la réunion de programmation.', 50440)`);
  // Next month's exchange session (10 h Paris, one hour) and the gathering in three months.
  await tx.execute(sql`
    WITH m AS (SELECT date_trunc('month', ${now.toISOString()}::timestamptz AT TIME ZONE 'Europe/Paris') AS first)
    INSERT INTO network_events (kind, title, description, location, starts_at, ends_at, month, created_by)
    SELECT 'exchange'::network_event_kind, 'Échange mensuel des animateurs', 'Tour de table : relancer une discussion qui s’essouffle.',
           'https://visio.e-communautes.test/echange', (first + interval '1 month 9 days 10 hours') AT TIME ZONE 'Europe/Paris',
           (first + interval '1 month 9 days 11 hours') AT TIME ZONE 'Europe/Paris', (first + interval '1 month')::date, ${r.admin}::bigint FROM m
    UNION ALL
    SELECT 'gathering'::network_event_kind, 'Rassemblement annuel du réseau', 'Deux journées de travail entre animateurs, coordonnateurs et équipe nationale.',
           'CNFPT, Paris', (first + interval '3 months 14 days 9 hours') AT TIME ZONE 'Europe/Paris',
           (first + interval '3 months 15 days 17 hours') AT TIME ZONE 'Europe/Paris', (first + interval '3 months')::date, ${r.admin}::bigint FROM m`);
  const body = 'Le lundi matin, une question ouverte sur un sujet d’actualité : les réponses arrivent dans la journée.';
  await tx.execute(sql`
    INSERT INTO network_posts (author_id, title, body_md, body_html)
    VALUES (${r.animator}, 'Relancer une discussion le lundi', ${body}, ${renderMarkdown(body)})`);
}
