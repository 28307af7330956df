import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { dutyWeekSql } from './week.js';

/** Read queries of the duty roster. */

export interface DutyRow extends Record<string, unknown> {
  week_start: string;
  animator_id: number;
  first_name: string;
  last_name: string;
}

/** Assigned weeks in [from, to] (Mondays), primary key range. */
export async function dutyWeeks(db: DbOrTx, communityId: number, from: string, to: string): Promise<DutyRow[]> {
  const { rows } = await db.execute<DutyRow>(sql`
    SELECT to_char(d.week_start, 'YYYY-MM-DD') AS week_start, u.id AS animator_id, u.first_name, u.last_name
      FROM duty_roster d JOIN users u ON u.id = d.animator_id
     WHERE d.community_id = ${communityId} AND d.week_start BETWEEN ${from}::date AND ${to}::date
     ORDER BY d.week_start`);
  return rows;
}

export interface TeamRow extends Record<string, unknown> {
  id: number;
  first_name: string;
  last_name: string;
  role: string;
}

/** The people who can take a turn (a community has a handful: not paginated). */
export async function dutyTeam(db: DbOrTx, communityId: number): Promise<TeamRow[]> {
  const { rows } = await db.execute<TeamRow>(sql`
    SELECT u.id, u.first_name, u.last_name, m.role::text AS role
      FROM memberships m JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL
     WHERE m.community_id = ${communityId} AND m.role IN ('animator', 'coordinator')
     ORDER BY m.role DESC, u.last_name, u.first_name, u.id`);
  return rows;
}

export async function currentWeek(db: DbOrTx): Promise<string> {
  const { rows } = await db.execute<{ week: string }>(sql`SELECT to_char(${dutyWeekSql()}, 'YYYY-MM-DD') AS week`);
  return rows[0]!.week;
}
