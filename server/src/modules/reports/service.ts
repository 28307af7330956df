import { sql } from 'drizzle-orm';
import type { ReviewStatus } from '../../../../common/reports.js';
import type { Tx } from '../../db/client.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { hit, LIMITS_BY_ACTION } from '../../lib/rate-limit.js';
import type { App } from '../../types.js';
import { discardDraftsStartingWith } from '../drafts/queries.js';
import { figuresOf, type ReportFigures } from './figures.js';
import { createMeeting, recordMinutes, updateMeeting, type MeetingInput, type MeetingRow } from './meetings.js';
import type { ReportRow, ReviewNotes } from './queries.js';

/**
 * Writes of review meetings and activity reports. Each one is a transaction that counts the person's `write`
 * limit too (`subject`, see `subjectOf`): a write refused for another reason does not use up the budget.
 */
function limitedWrite<T>(app: App, subject: string, write: (tx: Tx) => Promise<T>): Promise<T> {
  return app.db.transaction(async (tx) => {
    await hit(app, LIMITS_BY_ACTION.write, subject, tx);
    return write(tx);
  });
}

export function scheduleMeeting(app: App, subject: string, communityId: number, userId: number, input: MeetingInput): Promise<number> {
  return limitedWrite(app, subject, (tx) => createMeeting(tx, communityId, userId, input));
}

export function changeMeeting(app: App, subject: string, meeting: MeetingRow, input: MeetingInput): Promise<void> {
  return limitedWrite(app, subject, (tx) => updateMeeting(tx, meeting, input));
}

export function writeMinutes(
  app: App, subject: string, meeting: MeetingRow, userId: number, input: { minutes: string; decisions: string; final?: boolean },
): Promise<void> {
  return limitedWrite(app, subject, (tx) => recordMinutes(tx, meeting, userId, input));
}

export function startReport(app: App, subject: string, meeting: MeetingRow, authorId: number): Promise<number> {
  return limitedWrite(app, subject, async (tx) => {
    try {
      const { rows } = await tx.execute<{ id: number }>(sql`
        INSERT INTO activity_reports (meeting_id, community_id, author_id) VALUES (${meeting.id}, ${meeting.community_id}, ${authorId})
        RETURNING id::int AS id`);
      return rows[0]!.id;
    } catch (err) {
      if (isUniqueViolation(err, 'activity_reports_meeting_author_key')) throw new AppError('REPORT_EXISTS');
      throw err;
    }
  });
}

export type ReportText = Partial<Record<'highlights' | 'difficulties' | 'proposals' | 'rendezvous', string>>;

/**
 * Written parts of a draft. The submitted check is in the statement, so a racing submit cannot be overwritten.
 * Saved for good: the sections' autosaved drafts (drafts module) are done.
 */
export function editReport(app: App, subject: string, report: ReportRow, text: ReportText): Promise<void> {
  return limitedWrite(app, subject, async (tx) => {
    const { rows } = await tx.execute<{ id: number }>(sql`
      UPDATE activity_reports SET
        highlights = coalesce(${text.highlights ?? null}, highlights),
        difficulties = coalesce(${text.difficulties ?? null}, difficulties),
        proposals = coalesce(${text.proposals ?? null}, proposals),
        rendezvous = coalesce(${text.rendezvous ?? null}, rendezvous),
        updated_at = now()
      WHERE id = ${report.id} AND submitted_at IS NULL RETURNING id`);
    if (rows.length === 0) throw new AppError('REPORT_ALREADY_SUBMITTED');
    await discardDraftsStartingWith(tx, report.author_id, `report:${report.id}:`);
  });
}

/** Freezes the figures and sends the report; a second submission (even a concurrent one) is refused. */
export async function submitReport(app: App, subject: string, report: ReportRow, meeting: MeetingRow): Promise<void> {
  if (report.submitted_at) throw new AppError('REPORT_ALREADY_SUBMITTED');
  // Computed before the transaction (reads only); the UPDATE refuses a report submitted meanwhile.
  const figures: ReportFigures = await figuresOf(app.pool, app.db, report, meeting);
  await limitedWrite(app, subject, async (tx) => {
    const { rows } = await tx.execute<{ id: number }>(sql`
      UPDATE activity_reports SET figures = ${JSON.stringify(figures)}::jsonb, submitted_at = now(), updated_at = now()
       WHERE id = ${report.id} AND submitted_at IS NULL RETURNING id`);
    if (rows.length === 0) throw new AppError('REPORT_ALREADY_SUBMITTED');
  });
}

export function commentReport(app: App, subject: string, report: ReportRow, userId: number, comment: string): Promise<void> {
  return limitedWrite(app, subject, async (tx) => {
    if (!report.submitted_at) throw new AppError('REPORT_NOT_SUBMITTED');
    await tx.execute(sql`UPDATE activity_reports SET comment = ${comment}, comment_by = ${userId}, comment_at = now() WHERE id = ${report.id}`);
  });
}

/**
 * The coordination's review of a draft: a verdict and a note per section (an empty note is dropped).
 * The draft check is in the statement, so a review cannot land on a report submitted meanwhile.
 */
export function reviewReport(
  app: App, subject: string, reportId: number, userId: number, input: { status: ReviewStatus; notes: ReviewNotes },
): Promise<void> {
  const notes = Object.fromEntries(Object.entries(input.notes).map(([k, v]) => [k, v?.trim() ?? '']).filter(([, v]) => v !== ''));
  return limitedWrite(app, subject, async (tx) => {
    const { rows } = await tx.execute<{ id: number }>(sql`
      UPDATE activity_reports SET review_status = ${input.status}, review_notes = ${JSON.stringify(notes)}::jsonb, review_by = ${userId}, review_at = now()
       WHERE id = ${reportId} AND submitted_at IS NULL RETURNING id`);
    if (rows.length === 0) throw new AppError('REPORT_REVIEW_CLOSED');
  });
}
