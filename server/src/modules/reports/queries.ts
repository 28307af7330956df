import { sql } from 'drizzle-orm';
import type { ReportSection, ReviewStatus } from '../../../../common/reports.js';
import type { DbOrTx } from '../../db/client.js';
import { isoText } from '../../lib/cursor.js';
import type { ReportFigures } from './figures.js';

/** Reads of activity reports (the meetings' reads are in meetings.ts). */

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

const date = (text: string | null) => (text === null ? null : new Date(text));

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
