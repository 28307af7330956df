import { sql } from 'drizzle-orm';
import type { ReportSection, ReviewStatus } from '../../../../common/reports.js';
import type { DbOrTx } from '../../db/client.js';
import { encodeKeyset, isoText, type PgKeyset } from '../../lib/cursor.js';
import type { ReportFigures } from './figures.js';

/**
 * Reads of review meetings and activity reports. Drizzle returns timestamps as text: they are read as ISO text
 * (`isoText`) and become the Dates the rows promise.
 */

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

type MeetingText = Omit<MeetingRow, 'scheduled_at' | 'minutes_at'> & { scheduled_at: string; minutes_at: string | null; at: string };

const date = (text: string | null) => (text === null ? null : new Date(text));

const MEETING_COLUMNS = sql`m.id::int AS id, m.community_id::int AS community_id, ${isoText('m.scheduled_at')} AS scheduled_at,
  to_char(m.period_from, 'YYYY-MM') AS from_month, to_char(m.period_to, 'YYYY-MM') AS to_month,
  m.agenda, m.minutes, m.decisions, ${isoText('m.minutes_at')} AS minutes_at, m.minutes_draft,
  m.minutes_by::int AS minutes_by, m.created_by::int AS created_by,
  mb.first_name || ' ' || mb.last_name AS minutes_by_name, cb.first_name || ' ' || cb.last_name AS created_by_name`;
const MEETING_FROM = sql`FROM review_meetings m LEFT JOIN users mb ON mb.id = m.minutes_by LEFT JOIN users cb ON cb.id = m.created_by`;

function meetingRow({ at: _at, ...m }: MeetingText): MeetingRow {
  return { ...m, scheduled_at: new Date(m.scheduled_at), minutes_at: date(m.minutes_at) };
}

export async function findMeeting(db: DbOrTx, id: number): Promise<MeetingRow | null> {
  const { rows } = await db.execute<MeetingText & Record<string, unknown>>(sql`
    SELECT ${MEETING_COLUMNS}, NULL AS at ${MEETING_FROM} WHERE m.id = ${id}`);
  return rows[0] ? meetingRow(rows[0]) : null;
}

/** Newest first, keyset on (scheduled_at, id): review_meetings_community_scheduled_idx. */
export async function listMeetings(db: DbOrTx, communityId: number, after: PgKeyset | undefined, limit: number) {
  const before = after ? sql`AND (m.scheduled_at, m.id) < (${after.at}::timestamptz, ${after.id}::bigint)` : sql``;
  const { rows } = await db.execute<MeetingText & Record<string, unknown>>(sql`
    SELECT ${MEETING_COLUMNS}, ${isoText('m.scheduled_at')} AS at ${MEETING_FROM}
     WHERE m.community_id = ${communityId} ${before}
     ORDER BY m.scheduled_at DESC, m.id DESC LIMIT ${limit + 1}`);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(meetingRow), nextCursor: rows.length > limit && last ? encodeKeyset({ at: last.at, id: last.id }) : null };
}

export async function meetingParticipants(db: DbOrTx, id: number) {
  const { rows } = await db.execute<{ id: number; name: string }>(sql`
    SELECT u.id::int AS id, u.first_name || ' ' || u.last_name AS name
      FROM review_meeting_participants p JOIN users u ON u.id = p.user_id
     WHERE p.meeting_id = ${id} ORDER BY u.last_name, u.first_name, u.id`);
  return rows;
}

/** A meeting's reports (at most one per staff member, so bounded by the team); `authorId` narrows to one. */
export async function meetingReports(db: DbOrTx, id: number, authorId: number | null) {
  const author = authorId === null ? sql`` : sql`AND r.author_id = ${authorId}`;
  const { rows } = await db.execute<{
    id: number; author_id: number; name: string; submitted_at: string | null; commented: boolean; review_status: ReviewStatus | null;
  }>(sql`
    SELECT r.id::int AS id, r.author_id::int AS author_id, u.first_name || ' ' || u.last_name AS name,
           ${isoText('r.submitted_at')} AS submitted_at, r.comment IS NOT NULL AS commented, r.review_status
      FROM activity_reports r JOIN users u ON u.id = r.author_id
     WHERE r.meeting_id = ${id} ${author}
     ORDER BY u.last_name, u.first_name, r.id`);
  return rows.map((r) => ({
    id: r.id, author: { id: r.author_id, name: r.name }, status: r.submitted_at ? 'submitted' as const : 'draft' as const,
    submittedAt: date(r.submitted_at)?.toISOString() ?? null, commented: r.commented, reviewStatus: r.review_status,
  }));
}

export interface ReportRow {
  id: number;
  meeting_id: number;
  community_id: number;
  author_id: number;
  author_name: string;
  highlights: string;
  difficulties: string;
  proposals: string;
  rendezvous: string;
  figures: ReportFigures | null;
  submitted_at: Date | null;
  comment: string | null;
  comment_by: number | null;
  comment_by_name: string | null;
  comment_at: Date | null;
  review_status: ReviewStatus | null;
  review_notes: ReviewNotes;
  review_by: number | null;
  review_by_name: string | null;
  review_at: Date | null;
}

export type ReviewNotes = Partial<Record<ReportSection, string>>;

type Stamp = 'submitted_at' | 'comment_at' | 'review_at';
type ReportText = Omit<ReportRow, Stamp> & Record<Stamp, string | null> & Record<string, unknown>;

export async function findReport(db: DbOrTx, id: number): Promise<ReportRow | null> {
  const { rows } = await db.execute<ReportText>(sql`
    SELECT r.id::int AS id, r.meeting_id::int AS meeting_id, r.community_id::int AS community_id, r.author_id::int AS author_id,
           a.first_name || ' ' || a.last_name AS author_name, r.highlights, r.difficulties, r.proposals, r.rendezvous,
           r.figures, ${isoText('r.submitted_at')} AS submitted_at, r.comment, r.comment_by::int AS comment_by,
           ${isoText('r.comment_at')} AS comment_at, c.first_name || ' ' || c.last_name AS comment_by_name,
           r.review_status, r.review_notes, r.review_by::int AS review_by, ${isoText('r.review_at')} AS review_at,
           v.first_name || ' ' || v.last_name AS review_by_name
      FROM activity_reports r JOIN users a ON a.id = r.author_id LEFT JOIN users c ON c.id = r.comment_by
      LEFT JOIN users v ON v.id = r.review_by
     WHERE r.id = ${id}`);
  const row = rows[0];
  if (!row) return null;
  return { ...row, submitted_at: date(row.submitted_at), comment_at: date(row.comment_at), review_at: date(row.review_at) };
}
