import { sql, type SQL } from 'drizzle-orm';
import { dutyWeekSql } from './week.js';

/**
 * The person on duty this week in a community, as a one-column SELECT (user_id) for other modules'
 * statements: still in the animation team, and not the person who caused the event (`exceptUser`),
 * who does not need warning about their own question or flag. Empty when nobody is on duty: callers
 * then fall back to the whole team.
 */
export function onDutyFor(communityId: SQL, exceptUser: SQL, at?: Date): SQL {
  return sql`
    SELECT d.animator_id AS user_id FROM duty_roster d
      JOIN memberships dm ON dm.community_id = d.community_id AND dm.user_id = d.animator_id AND dm.role IN ('animator', 'coordinator')
     WHERE d.community_id = ${communityId} AND d.week_start = ${dutyWeekSql(at)} AND d.animator_id IS DISTINCT FROM ${exceptUser}`;
}
