import type { CommunityContext } from '../communities/context.js';
import type { ReportFigures } from './figures.js';
import type { meetingParticipants, meetingReports, MeetingRow, ReportRow } from './queries.js';
import type { meetingAbilities, reportAbilities } from './policy.js';

/** The API's shapes of review meetings and activity reports (schema.ts). */

export function presentMeetingSummary(m: MeetingRow) {
  return {
    id: m.id, scheduledAt: m.scheduled_at.toISOString(), fromMonth: m.from_month, toMonth: m.to_month, agenda: m.agenda,
    hasMinutes: m.minutes_at !== null && !m.minutes_draft,
  };
}

const person = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

export interface MeetingView {
  meeting: MeetingRow;
  ctx: CommunityContext;
  participants: Awaited<ReturnType<typeof meetingParticipants>>;
  reports: Awaited<ReturnType<typeof meetingReports>>;
  can: ReturnType<typeof meetingAbilities>;
  viewerId: number;
}

export function presentMeeting({ meeting: m, ctx, participants, reports, can, viewerId }: MeetingView) {
  // Draft minutes are the coordination's working notes: the team reads the minutes once finalised.
  const shown = can.edit || !m.minutes_draft;
  return {
    ...presentMeetingSummary(m),
    community: { slug: ctx.community.slug, name: ctx.community.name },
    participants,
    minutes: shown ? m.minutes : null, decisions: shown ? m.decisions : null,
    minutesBy: shown ? person(m.minutes_by, m.minutes_by_name) : null,
    minutesAt: shown ? m.minutes_at?.toISOString() ?? null : null,
    minutesDraft: shown && m.minutes_at !== null && m.minutes_draft,
    createdBy: person(m.created_by, m.created_by_name),
    reports,
    myReportId: reports.find((r) => r.author.id === viewerId)?.id ?? null,
    can,
  };
}

export function presentReport(
  r: ReportRow, m: MeetingRow, ctx: CommunityContext, figures: ReportFigures, can: ReturnType<typeof reportAbilities>,
) {
  return {
    id: r.id,
    meeting: { id: m.id, scheduledAt: m.scheduled_at.toISOString(), fromMonth: m.from_month, toMonth: m.to_month },
    community: { slug: ctx.community.slug, name: ctx.community.name },
    author: { id: r.author_id, name: r.author_name },
    status: r.submitted_at ? 'submitted' as const : 'draft' as const,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    highlights: r.highlights, difficulties: r.difficulties, proposals: r.proposals, rendezvous: r.rendezvous,
    figures,
    comment: r.comment === null ? null : { text: r.comment, by: person(r.comment_by, r.comment_by_name), at: r.comment_at!.toISOString() },
    review: r.review_status === null ? null : {
      status: r.review_status, notes: r.review_notes, by: person(r.review_by, r.review_by_name), at: r.review_at!.toISOString(),
    },
    can: { edit: can.edit, submit: can.submit, comment: can.comment, review: can.review },
  };
}
