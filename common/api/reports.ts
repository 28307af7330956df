import { Type, type Static, type TOptional, type TSchema, type TString } from 'typebox';
import { REPORT_LIMITS, REPORT_SECTIONS, type ReportSection } from '../reports.js';
import { Id, Page } from './shared.js';

/**
 * Route schemas of the reports module (review meetings, activity reports): the only definition of their shapes.
 * The server validates with them, the web client reads their types.
 */

const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' });
const Count = Type.Integer({ minimum: 0 });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Person = Type.Object({ id: Type.Integer(), name: Type.String() });

const MemberMonth = Type.Object({ month: Type.String(), joined: Count, total: Count, active: Count });
const ActionCount = Type.Object({ action: Type.String(), count: Count });

const Text = (max: number) => Type.String({ maxLength: max });

export const MeetingBody = Type.Object(
  {
    scheduledAt: Type.String({ format: 'date-time' }),
    fromMonth: Month,
    toMonth: Month,
    agenda: Type.String({ minLength: 1, maxLength: REPORT_LIMITS.agenda }),
    participantIds: Type.Array(Id, { maxItems: REPORT_LIMITS.participantsMax, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const MinutesBody = Type.Object(
  {
    minutes: Text(REPORT_LIMITS.minutes), decisions: Text(REPORT_LIMITS.minutes),
    /** false: a draft, allowed before the meeting and read by the coordination only; absent or true: the final minutes. */
    final: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const ReviewStatus = Type.Union([Type.Literal('to_revise'), Type.Literal('ready')]);

/** One optional note per written section of the report. */
const ReviewNotes = Type.Object(
  Object.fromEntries(REPORT_SECTIONS.map((s) => [s.key, Type.Optional(Text(REPORT_LIMITS.comment))])) as Record<ReportSection, TOptional<TString>>,
  { additionalProperties: false },
);

export const ReviewBody = Type.Object({ status: ReviewStatus, notes: ReviewNotes }, { additionalProperties: false });

const ReportSummary = Type.Object({
  id: Type.Integer(), author: Person, status: Type.Union([Type.Literal('draft'), Type.Literal('submitted')]),
  submittedAt: Nullable(Type.String()), commented: Type.Boolean(), reviewStatus: Nullable(ReviewStatus),
});

export const MeetingSummary = Type.Object({
  id: Type.Integer(), scheduledAt: Type.String(), fromMonth: Month, toMonth: Month, agenda: Type.String(), hasMinutes: Type.Boolean(),
});

export const MeetingSummaryPage = Page(MeetingSummary);

export const Meeting = Type.Object({
  ...MeetingSummary.properties,
  community: Type.Object({ slug: Type.String(), name: Type.String() }),
  participants: Type.Array(Person),
  minutes: Nullable(Type.String()),
  decisions: Nullable(Type.String()),
  minutesBy: Nullable(Person),
  minutesAt: Nullable(Type.String()),
  /** Only the coordination reads draft minutes; for anyone else minutes are null until finalised. */
  minutesDraft: Type.Boolean(),
  createdBy: Nullable(Person),
  /** Every report for the coordinator; only the reader's own for an animator. */
  reports: Type.Array(ReportSummary),
  myReportId: Nullable(Type.Integer()),
  /** recordMinutes: save a draft (any time); finalizeMinutes: once the meeting has started. */
  can: Type.Object({ edit: Type.Boolean(), recordMinutes: Type.Boolean(), finalizeMinutes: Type.Boolean(), writeReport: Type.Boolean() }),
});

export const ReportTextBody = Type.Object(
  {
    highlights: Type.Optional(Text(REPORT_LIMITS.text)),
    difficulties: Type.Optional(Text(REPORT_LIMITS.text)),
    proposals: Type.Optional(Text(REPORT_LIMITS.text)),
    rendezvous: Type.Optional(Text(REPORT_LIMITS.text)),
  },
  { additionalProperties: false },
);

export const CommentBody = Type.Object({ comment: Type.String({ minLength: 1, maxLength: REPORT_LIMITS.comment }) }, { additionalProperties: false });

const TopPost = Type.Object({ postId: Type.Integer(), title: Type.String(), value: Count });

export const Figures = Type.Object({
  period: Type.Object({ fromMonth: Month, toMonth: Month, from: Type.String(), to: Type.String() }),
  members: Type.Object({ atStart: Count, atEnd: Count, joined: Count, growthRate: Nullable(Type.Number()), active: Count }),
  monthly: Type.Array(MemberMonth),
  contributions: Type.Object({
    total: Count, target: Count,
    families: Type.Array(Type.Object({
      code: Type.String(), label: Type.String(), count: Count,
      sources: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), count: Count })),
    })),
  }),
  formats: Type.Object({
    kinds: Type.Array(Type.Object({ kind: Type.String(), count: Count })),
    attachments: Type.Array(Type.Object({ format: Type.String(), count: Count })),
    embeds: Type.Array(Type.Object({ provider: Type.String(), count: Count })),
  }),
  questions: Type.Object({
    asked: Count, answered: Count, answeredWithinDeadline: Count, decided: Count,
    shareWithinDeadline: Nullable(Type.Number()), medianSeconds: Nullable(Type.Integer()),
  }),
  moderation: Type.Object({ flagsReceived: Count, flagsHandled: Count, medianHandleSeconds: Nullable(Type.Integer()), actions: Type.Array(ActionCount) }),
  agenda: Type.Object({ eventsHeld: Count, eventsAdded: Count }),
  polls: Type.Object({ launched: Count, votes: Count, resultsPublished: Count }),
  /** Absent from reports submitted before it was counted. */
  cnfptResources: Type.Optional(Count),
  mostRead: Type.Array(TopPost),
});

export const Report = Type.Object({
  id: Type.Integer(),
  meeting: Type.Object({ id: Type.Integer(), scheduledAt: Type.String(), fromMonth: Month, toMonth: Month }),
  community: Type.Object({ slug: Type.String(), name: Type.String() }),
  author: Person,
  status: Type.Union([Type.Literal('draft'), Type.Literal('submitted')]),
  submittedAt: Nullable(Type.String()),
  highlights: Type.String(), difficulties: Type.String(), proposals: Type.String(), rendezvous: Type.String(),
  /** Computed now for a draft; as submitted for a submitted report. */
  figures: Figures,
  comment: Nullable(Type.Object({ text: Type.String(), by: Nullable(Person), at: Type.String() })),
  /** The coordination's review of the draft, shown to its author. */
  review: Nullable(Type.Object({ status: ReviewStatus, notes: ReviewNotes, by: Nullable(Person), at: Type.String() })),
  can: Type.Object({ edit: Type.Boolean(), submit: Type.Boolean(), comment: Type.Boolean(), review: Type.Boolean() }),
});

export const ExportQuery = Type.Object({ format: Type.Union([Type.Literal('pdf'), Type.Literal('docx'), Type.Literal('csv')]) });

/** The client's names for what it sends and reads. */
export type MeetingSummaryPage = Static<typeof MeetingSummaryPage>;
export type Meeting = Static<typeof Meeting>;
export type MeetingInput = Static<typeof MeetingBody>;
export type MinutesInput = Static<typeof MinutesBody>;
export type Figures = Static<typeof Figures>;
export type Report = Static<typeof Report>;
export type ReportTextInput = Static<typeof ReportTextBody>;
export type ReviewInput = Static<typeof ReviewBody>;
export type ExportFormat = Static<typeof ExportQuery>['format'];
