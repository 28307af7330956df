import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { SLUG_PATTERN } from './communities.js';
import { Id } from './shared.js';

/**
 * Route schemas of the national module (national dashboard, community wizard, a community's audience): the only
 * definition of their shapes. The server validates with them, the web client reads their types.
 */

const Count = Type.Integer({ minimum: 0 });
const Day = Type.String({ format: 'date', pattern: '^(19|20|21)\\d{2}-\\d{2}-\\d{2}$' });
const text = Type.String({ maxLength: LIMITS.communityText });

export const CommunityFigures = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  status: Type.String(),
  launchDate: Type.Union([Type.String(), Type.Null()]),
  members: Count,
  joinedMonth: Count,
  /** Growth of the month, in per cent of the members at its start; null without members then. */
  growth: Type.Union([Type.Number(), Type.Null()]),
  postsMonth: Count,
  commentsMonth: Count,
  activeMonth: Count,
  questionsDue: Count,
  questionsInTime: Count,
  flagsPending: Count,
  moderationActionsMonth: Count,
  staffCount: Count,
  contributionsMonth: Count,
  contributionsTarget: Count,
});

export const NetworkMonth = Type.Object({
  month: Type.String(), subscribers: Count, joined: Count, posts: Count, comments: Count, active: Count,
});

export const NationalDashboard = Type.Object({
  /** When the rollups were computed; null before the first refresh. */
  refreshedAt: Type.Union([Type.String(), Type.Null()]),
  month: Type.Union([Type.String(), Type.Null()]),
  network: Type.Object({
    /** Distinct people subscribed to at least one community. */
    subscribers: Count,
    /** Sum of each community's members (someone in three communities counts three times). */
    memberships: Count,
    activeMonth: Count,
    activeToday: Count,
    communities: Count,
  }),
  communities: Type.Array(CommunityFigures),
  months: Type.Array(NetworkMonth),
  days: Type.Array(Type.Object({ day: Type.String(), active: Count })),
});

export const RefreshResult = Type.Object({ refreshedAt: Type.String() });

export const WizardBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: LIMITS.communityName, pattern: '\\S' }),
    slug: Type.String({ minLength: 2, maxLength: LIMITS.communitySlug, pattern: SLUG_PATTERN }),
    description: text,
    perimeter: text,
    targetAudience: text,
    editorialLine: text,
    coordinatorId: Id,
    animatorIds: Type.Array(Id, { maxItems: 20, uniqueItems: true }),
    launchDate: Day,
  },
  { additionalProperties: false },
);

export const WizardResult = Type.Object({ id: Type.Integer(), slug: Type.String(), status: Type.String(), launchDate: Type.String() });

export const Audience = Type.Object({
  refreshedAt: Type.Union([Type.String(), Type.Null()]),
  months: Type.Array(Type.Object({ month: Type.String(), members: Count, joined: Count, active: Count, posts: Count, comments: Count })),
  days: Type.Array(Type.Object({ day: Type.String(), active: Count })),
  topPosts: Type.Array(Type.Object({ postId: Type.Integer(), title: Type.String(), views: Count })),
});

/** The client's names for what it sends and reads. */
export type NationalDashboard = Static<typeof NationalDashboard>;
export type RefreshResult = Static<typeof RefreshResult>;
export type WizardInput = Static<typeof WizardBody>;
export type WizardResult = Static<typeof WizardResult>;
export type Audience = Static<typeof Audience>;
