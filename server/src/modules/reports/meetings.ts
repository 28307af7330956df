import { sql } from 'drizzle-orm';
import type { Pool } from 'pg';
import { REPORT_LIMITS, type ReviewStatus } from '../../../../common/reports.js';
import type { Tx } from '../../db/client.js';
import { encodeKeyset, type PgKeyset } from '../../lib/cursor.js';
import { AppError } from '../../lib/errors.js';
import { periodMonths } from './figures.js';
import { lastDayOfMonth } from '../../../../common/time/index.js';

export interface MeetingRow {
  id: number;
  community_id: number;
  scheduled_at: Date;
  from_month: string;
  to_month: string;
  agenda: string;
  minutes: string | null;
  decisions: string | null;
  minutes_at: Date | null;
  minutes_draft: boolean;
  minutes_by: number | null;
  minutes_by_name: string | null;
  created_by: number | null;
  created_by_name: string | null;
}

const COLUMNS = `m.id::int AS id, m.community_id::int AS community_id, m.scheduled_at,
  to_char(m.period_from, 'YYYY-MM') AS from_month, to_char(m.period_to, 'YYYY-MM') AS to_month,
  m.agenda, m.minutes, m.decisions, m.minutes_at, m.minutes_draft, m.minutes_by::int AS minutes_by, m.created_by::int AS created_by,
  mb.first_name || ' ' || mb.last_name AS minutes_by_name, cb.first_name || ' ' || cb.last_name AS created_by_name`;
const FROM = `FROM review_meetings m LEFT JOIN users mb ON mb.id = m.minutes_by LEFT JOIN users cb ON cb.id = m.created_by`;

export async function findMeeting(pool: Pool, id: number): Promise<MeetingRow | null> {
  const { rows } = await pool.query<MeetingRow>(`SELECT ${COLUMNS} ${FROM} WHERE m.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Newest first, keyset on (scheduled_at, id): review_meetings_community_scheduled_idx. */
export async function listMeetings(pool: Pool, communityId: number, after: PgKeyset | undefined, limit: number) {
  const { rows } = await pool.query<MeetingRow & { at: string }>(
    `SELECT ${COLUMNS}, to_char(m.scheduled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at ${FROM}
      WHERE m.community_id = $1 AND ($2::timestamptz IS NULL OR (m.scheduled_at, m.id) < ($2::timestamptz, $3::bigint))
      ORDER BY m.scheduled_at DESC, m.id DESC LIMIT $4`,
    [communityId, after?.at ?? null, after?.id ?? null, limit + 1],
  );
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeKeyset({ at: last.at, id: last.id }) : null };
}

export async function meetingParticipants(pool: Pool, id: number) {
  const { rows } = await pool.query<{ id: number; name: string }>(
    `SELECT u.id::int AS id, u.first_name || ' ' || u.last_name AS name
       FROM review_meeting_participants p JOIN users u ON u.id = p.user_id
      WHERE p.meeting_id = $1 ORDER BY u.last_name, u.first_name, u.id`,
    [id],
  );
  return rows;
}

/** A meeting's reports (at most one per staff member, so bounded by the team); `authorId` narrows to one. */
export async function meetingReports(pool: Pool, id: number, authorId: number | null) {
  const { rows } = await pool.query<{ id: number; author_id: number; name: string; submitted_at: Date | null; commented: boolean; review_status: ReviewStatus | null }>(
    `SELECT r.id::int AS id, r.author_id::int AS author_id, u.first_name || ' ' || u.last_name AS name, r.submitted_at, r.comment IS NOT NULL AS commented,
            r.review_status
       FROM activity_reports r JOIN users u ON u.id = r.author_id
      WHERE r.meeting_id = $1 AND ($2::bigint IS NULL OR r.author_id = $2::bigint)
      ORDER BY u.last_name, u.first_name, r.id`,
    [id, authorId],
  );
  return rows.map((r) => ({
    id: r.id, author: { id: r.author_id, name: r.name }, status: r.submitted_at ? 'submitted' as const : 'draft' as const,
    submittedAt: r.submitted_at?.toISOString() ?? null, commented: r.commented, reviewStatus: r.review_status,
  }));
}

export interface MeetingInput {
  scheduledAt: string;
  fromMonth: string;
  toMonth: string;
  agenda: string;
  participantIds: number[];
}

function checkPeriod(input: MeetingInput): void {
  if (input.fromMonth > input.toMonth) throw new AppError('INVALID_PERIOD', 'Le premier mois de la période doit précéder le dernier.');
  if (periodMonths({ fromMonth: input.fromMonth, toMonth: input.toMonth }).length > REPORT_LIMITS.periodMonthsMax) {
    throw new AppError('INVALID_PERIOD', 'Une réunion porte au plus sur douze mois.');
  }
}

/** Participants are the community's animators and coordinators; anyone else is refused (not silently dropped). */
async function setParticipants(tx: Tx, meetingId: number, communityId: number, ids: number[]): Promise<void> {
  if (ids.length > 0) {
    const { rows } = await tx.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM memberships
       WHERE community_id = ${communityId} AND role IN ('animator', 'coordinator') AND user_id = ANY(${`{${ids.join(',')}}`}::bigint[])`);
    if (rows[0]!.n !== ids.length) throw new AppError('PARTICIPANT_NOT_STAFF');
  }
  await tx.execute(sql`DELETE FROM review_meeting_participants WHERE meeting_id = ${meetingId}`);
  if (ids.length > 0) {
    await tx.execute(sql`
      INSERT INTO review_meeting_participants (meeting_id, user_id)
      SELECT ${meetingId}, unnest(${`{${ids.join(',')}}`}::bigint[])`);
  }
}

const lastDay = lastDayOfMonth;

export async function createMeeting(tx: Tx, communityId: number, userId: number, input: MeetingInput): Promise<number> {
  checkPeriod(input);
  const { rows } = await tx.execute<{ id: number }>(sql`
    INSERT INTO review_meetings (community_id, scheduled_at, period_from, period_to, agenda, created_by)
    VALUES (${communityId}, ${input.scheduledAt}, ${`${input.fromMonth}-01`}, ${lastDay(input.toMonth)}, ${input.agenda}, ${userId})
    RETURNING id::int AS id`);
  const id = rows[0]!.id;
  await setParticipants(tx, id, communityId, input.participantIds);
  return id;
}

export async function updateMeeting(tx: Tx, meeting: MeetingRow, input: MeetingInput): Promise<void> {
  checkPeriod(input);
  await tx.execute(sql`
    UPDATE review_meetings SET scheduled_at = ${input.scheduledAt}, period_from = ${`${input.fromMonth}-01`},
           period_to = ${lastDay(input.toMonth)}, agenda = ${input.agenda}
     WHERE id = ${meeting.id}`);
  await setParticipants(tx, meeting.id, meeting.community_id, input.participantIds);
}

/**
 * Minutes and decisions: prepared as a draft at any time, finalised once the meeting has started
 * (what was decided cannot be recorded before). Who wrote them and when is stamped.
 */
export async function recordMinutes(tx: Tx, meeting: MeetingRow, userId: number, input: { minutes: string; decisions: string; final?: boolean }): Promise<void> {
  const final = input.final ?? true;
  if (final && meeting.scheduled_at.getTime() > Date.now()) throw new AppError('MEETING_NOT_HELD');
  await tx.execute(sql`
    UPDATE review_meetings SET minutes = ${input.minutes}, decisions = ${input.decisions}, minutes_by = ${userId}, minutes_at = now(),
           minutes_draft = ${!final}
     WHERE id = ${meeting.id}`);
}
