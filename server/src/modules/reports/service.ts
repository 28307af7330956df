import { sql } from 'drizzle-orm';
import { REPORT_LIMITS, type ReviewStatus } from '../../../../common/reports.js';
import { lastDayOfMonth } from '../../../../common/time/index.js';
import type { Tx } from '../../db/client.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { LIMITS_BY_ACTION, limitedWrite, type WriteContext } from '../../lib/rate-limit.js';
import { discardDraftsStartingWith } from '../drafts/queries.js';
import { figuresOf, periodMonths, type ReportFigures } from './figures.js';
import type { MeetingRow, ReportRow, ReviewNotes } from './queries.js';

/**
 * Writes of review meetings and activity reports. Each one is a transaction that counts the person's `write`
 * limit too (`w.subject`, see `subjectOf`): a write refused for another reason does not use up the budget.
 */
function limited<T>(w: WriteContext, write: (tx: Tx) => Promise<T>): Promise<T> {
  return limitedWrite(w, [LIMITS_BY_ACTION.write], write);
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

async function createMeeting(tx: Tx, communityId: number, userId: number, input: MeetingInput): Promise<number> {
  checkPeriod(input);
  const { rows } = await tx.execute<{ id: number }>(sql`
    INSERT INTO review_meetings (community_id, scheduled_at, period_from, period_to, agenda, created_by)
    VALUES (${communityId}, ${input.scheduledAt}, ${`${input.fromMonth}-01`}, ${lastDayOfMonth(input.toMonth)}, ${input.agenda}, ${userId})
    RETURNING id::int AS id`);
  const id = rows[0]!.id;
  await setParticipants(tx, id, communityId, input.participantIds);
  return id;
}

async function updateMeeting(tx: Tx, meeting: MeetingRow, input: MeetingInput): Promise<void> {
  checkPeriod(input);
  await tx.execute(sql`
    UPDATE review_meetings SET scheduled_at = ${input.scheduledAt}, period_from = ${`${input.fromMonth}-01`},
           period_to = ${lastDayOfMonth(input.toMonth)}, agenda = ${input.agenda}
     WHERE id = ${meeting.id}`);
  await setParticipants(tx, meeting.id, meeting.community_id, input.participantIds);
}

/**
 * Minutes and decisions: prepared as a draft at any time, finalised once the meeting has started
 * (what was decided cannot be recorded before). Who wrote them and when is stamped.
 */
async function recordMinutes(tx: Tx, meeting: MeetingRow, userId: number, input: { minutes: string; decisions: string; final?: boolean }): Promise<void> {
  const final = input.final ?? true;
  if (final && meeting.scheduled_at.getTime() > Date.now()) throw new AppError('MEETING_NOT_HELD');
  await tx.execute(sql`
    UPDATE review_meetings SET minutes = ${input.minutes}, decisions = ${input.decisions}, minutes_by = ${userId}, minutes_at = now(),
           minutes_draft = ${!final}
     WHERE id = ${meeting.id}`);
}

export function scheduleMeeting(w: WriteContext, communityId: number, userId: number, input: MeetingInput): Promise<number> {
  return limited(w, (tx) => createMeeting(tx, communityId, userId, input));
}

export function changeMeeting(w: WriteContext, meeting: MeetingRow, input: MeetingInput): Promise<void> {
  return limited(w, (tx) => updateMeeting(tx, meeting, input));
}

export function writeMinutes(
  w: WriteContext, meeting: MeetingRow, userId: number, input: { minutes: string; decisions: string; final?: boolean },
): Promise<void> {
  return limited(w, (tx) => recordMinutes(tx, meeting, userId, input));
}

export function startReport(w: WriteContext, meeting: MeetingRow, authorId: number): Promise<number> {
  return limited(w, async (tx) => {
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
export function editReport(w: WriteContext, report: ReportRow, text: ReportText): Promise<void> {
  return limited(w, async (tx) => {
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
export async function submitReport(w: WriteContext, report: ReportRow, meeting: MeetingRow): Promise<void> {
  if (report.submitted_at) throw new AppError('REPORT_ALREADY_SUBMITTED');
  // Computed before the transaction (reads only); the UPDATE refuses a report submitted meanwhile.
  const figures: ReportFigures = await figuresOf(w.db, report, meeting);
  await limited(w, async (tx) => {
    const { rows } = await tx.execute<{ id: number }>(sql`
      UPDATE activity_reports SET figures = ${JSON.stringify(figures)}::jsonb, submitted_at = now(), updated_at = now()
       WHERE id = ${report.id} AND submitted_at IS NULL RETURNING id`);
    if (rows.length === 0) throw new AppError('REPORT_ALREADY_SUBMITTED');
  });
}

export function commentReport(w: WriteContext, report: ReportRow, userId: number, comment: string): Promise<void> {
  return limited(w, async (tx) => {
    if (!report.submitted_at) throw new AppError('REPORT_NOT_SUBMITTED');
    await tx.execute(sql`UPDATE activity_reports SET comment = ${comment}, comment_by = ${userId}, comment_at = now() WHERE id = ${report.id}`);
  });
}

/**
 * The coordination's review of a draft: a verdict and a note per section (an empty note is dropped).
 * The draft check is in the statement, so a review cannot land on a report submitted meanwhile.
 */
export function reviewReport(
  w: WriteContext, reportId: number, userId: number, input: { status: ReviewStatus; notes: ReviewNotes },
): Promise<void> {
  const notes = Object.fromEntries(Object.entries(input.notes).map(([k, v]) => [k, v?.trim() ?? '']).filter(([, v]) => v !== ''));
  return limited(w, async (tx) => {
    const { rows } = await tx.execute<{ id: number }>(sql`
      UPDATE activity_reports SET review_status = ${input.status}, review_notes = ${JSON.stringify(notes)}::jsonb, review_by = ${userId}, review_at = now()
       WHERE id = ${reportId} AND submitted_at IS NULL RETURNING id`);
    if (rows.length === 0) throw new AppError('REPORT_REVIEW_CLOSED');
  });
}
