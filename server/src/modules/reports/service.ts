import { sql } from 'drizzle-orm';
import type { Pool } from 'pg';
import type { Db, Tx } from '../../db/client.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { reportFigures, type ReportFigures } from './figures.js';
import type { MeetingRow } from './meetings.js';
import type { ReportSection, ReviewStatus } from '../../../../common/reports.js';

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

export async function findReport(pool: Pool, id: number): Promise<ReportRow | null> {
  const { rows } = await pool.query<ReportRow>(
    `SELECT r.id::int AS id, r.meeting_id::int AS meeting_id, r.community_id::int AS community_id, r.author_id::int AS author_id,
            a.first_name || ' ' || a.last_name AS author_name, r.highlights, r.difficulties, r.proposals, r.rendezvous,
            r.figures, r.submitted_at, r.comment, r.comment_by::int AS comment_by, r.comment_at,
            c.first_name || ' ' || c.last_name AS comment_by_name,
            r.review_status, r.review_notes, r.review_by::int AS review_by, r.review_at,
            v.first_name || ' ' || v.last_name AS review_by_name
       FROM activity_reports r JOIN users a ON a.id = r.author_id LEFT JOIN users c ON c.id = r.comment_by
       LEFT JOIN users v ON v.id = r.review_by
      WHERE r.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** The figures as submitted, or computed now while the report is a draft. */
export async function figuresOf(pool: Pool, db: Db, report: ReportRow, meeting: MeetingRow): Promise<ReportFigures> {
  if (report.figures) return report.figures;
  return reportFigures(pool, db, report.community_id, report.author_id, { fromMonth: meeting.from_month, toMonth: meeting.to_month });
}

export async function createReport(tx: Tx, meeting: MeetingRow, authorId: number): Promise<number> {
  try {
    const { rows } = await tx.execute<{ id: number }>(sql`
      INSERT INTO activity_reports (meeting_id, community_id, author_id) VALUES (${meeting.id}, ${meeting.community_id}, ${authorId})
      RETURNING id::int AS id`);
    return rows[0]!.id;
  } catch (err) {
    if (isUniqueViolation(err, 'activity_reports_meeting_author_key')) throw new AppError('REPORT_EXISTS');
    throw err;
  }
}

export type ReportText = Partial<Record<'highlights' | 'difficulties' | 'proposals' | 'rendezvous', string>>;

/** Written parts of a draft. The submitted check is in the statement, so a racing submit cannot be overwritten. */
export async function editReport(tx: Tx, id: number, text: ReportText): Promise<void> {
  const { rows } = await tx.execute<{ id: number }>(sql`
    UPDATE activity_reports SET
      highlights = coalesce(${text.highlights ?? null}, highlights),
      difficulties = coalesce(${text.difficulties ?? null}, difficulties),
      proposals = coalesce(${text.proposals ?? null}, proposals),
      rendezvous = coalesce(${text.rendezvous ?? null}, rendezvous),
      updated_at = now()
    WHERE id = ${id} AND submitted_at IS NULL RETURNING id`);
  if (rows.length === 0) throw new AppError('REPORT_ALREADY_SUBMITTED');
}

/** Freezes the figures and sends the report; a second submission (even a concurrent one) is refused. */
export async function submitReport(tx: Tx, id: number, figures: ReportFigures): Promise<void> {
  const { rows } = await tx.execute<{ id: number }>(sql`
    UPDATE activity_reports SET figures = ${JSON.stringify(figures)}::jsonb, submitted_at = now(), updated_at = now()
     WHERE id = ${id} AND submitted_at IS NULL RETURNING id`);
  if (rows.length === 0) throw new AppError('REPORT_ALREADY_SUBMITTED');
}

export async function commentReport(tx: Tx, report: ReportRow, userId: number, comment: string): Promise<void> {
  if (!report.submitted_at) throw new AppError('REPORT_NOT_SUBMITTED');
  await tx.execute(sql`UPDATE activity_reports SET comment = ${comment}, comment_by = ${userId}, comment_at = now() WHERE id = ${report.id}`);
}

/**
 * The coordination's review of a draft: a verdict and a note per section (an empty note is dropped).
 * The draft check is in the statement, so a review cannot land on a report submitted meanwhile.
 */
export async function reviewReport(tx: Tx, id: number, userId: number, input: { status: ReviewStatus; notes: ReviewNotes }): Promise<void> {
  const notes = Object.fromEntries(Object.entries(input.notes).map(([k, v]) => [k, v?.trim() ?? '']).filter(([, v]) => v !== ''));
  const { rows } = await tx.execute<{ id: number }>(sql`
    UPDATE activity_reports SET review_status = ${input.status}, review_notes = ${JSON.stringify(notes)}::jsonb, review_by = ${userId}, review_at = now()
     WHERE id = ${id} AND submitted_at IS NULL RETURNING id`);
  if (rows.length === 0) throw new AppError('REPORT_REVIEW_CLOSED');
}
