import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { Id } from './shared.js';

/**
 * Route schemas of the veille module (/api/communities/:slug/veille/*): the server validates with them, the
 * web client reads their types.
 */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });

export const SourceParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 200 }),
  id: Id,
});

export const NewSource = Type.Object({
  url: Type.String({ minLength: 1, maxLength: LIMITS.linkUrl }),
  title: Type.Optional(Type.String({ maxLength: LIMITS.veilleSourceTitle })),
});

export const SourcePatch = Type.Object({
  title: Type.String({ minLength: 1, maxLength: LIMITS.veilleSourceTitle }),
});

export const Source = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  title: Type.String(),
  createdAt: Type.String(),
  lastPolledAt: Nullable(Type.String()),
  lastSuccessAt: Nullable(Type.String()),
  /** Set while the source is failing: the latest error and when it happened. */
  error: Nullable(Type.Object({ message: Type.String(), at: Type.String(), failuresInARow: Type.Integer() })),
  itemCount: Type.Integer(),
  pendingCount: Type.Integer(),
});

export const SourceList = Type.Object({ items: Type.Array(Source) });

export const PollOutcome = Type.Object({ source: Source, added: Type.Integer() });

export const InboxItem = Type.Object({
  id: Type.Integer(),
  link: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  publishedAt: Nullable(Type.String()),
  fetchedAt: Type.String(),
  source: Type.Object({ id: Type.Integer(), title: Type.String() }),
});

export const InboxPage = Type.Object({ items: Type.Array(InboxItem), nextCursor: Nullable(Type.String()) });

export const PublishBody = Type.Object({
  commentary: Type.String({ minLength: 1, maxLength: LIMITS.postBody }),
  title: Type.Optional(Type.String({ maxLength: LIMITS.postTitle })),
  rubriqueId: Type.Optional(Nullable(Id)),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 30 })),
});

export const Published = Type.Object({ postId: Type.Integer() });

const WeekFigures = Type.Object({ received: Type.Integer(), published: Type.Integer(), dismissed: Type.Integer() });
const figures = {
  received: Type.Integer(),
  published: Type.Integer(),
  dismissed: Type.Integer(),
  /** Received and not decided yet. */
  pending: Type.Integer(),
  /** published / received, from 0 to 1; null when nothing was received. */
  publishedShare: Nullable(Type.Number()),
};

export const Activity = Type.Object({
  /** The 12 Paris weeks, oldest first: `start` is the Monday (YYYY-MM-DD), `startsAt` its midnight in Paris. */
  weeks: Type.Array(Type.Object({ start: Type.String(), startsAt: Type.String() })),
  sources: Type.Array(Type.Object({
    id: Type.Integer(),
    title: Type.String(),
    state: Type.Union([Type.Literal('ok'), Type.Literal('failing'), Type.Literal('broken')]),
    error: Nullable(Type.Object({ message: Type.String(), at: Type.String(), failuresInARow: Type.Integer() })),
    lastSuccessAt: Nullable(Type.String()),
    /** One entry per week of `weeks`, by week of reception. */
    weeks: Type.Array(WeekFigures),
    ...figures,
  })),
  totals: Type.Object({ weeks: Type.Array(WeekFigures), ...figures }),
});

/** The client's names for what it sends and reads. */
export type VeilleSource = Static<typeof Source>;
export type SourceList = Static<typeof SourceList>;
export type NewSourceInput = Static<typeof NewSource>;
export type PollOutcome = Static<typeof PollOutcome>;
export type InboxItem = Static<typeof InboxItem>;
export type InboxPage = Static<typeof InboxPage>;
export type PublishInput = Static<typeof PublishBody>;
export type Published = Static<typeof Published>;

/**
 * The veille activity figures (GET /api/communities/:slug/veille/activity), computed by the server
 * (modules/veille/activity.ts) and charted by the web client: 12 Paris weeks, by week of reception.
 */
export type VeilleActivity = Static<typeof Activity>;
export type WeekFigures = Static<typeof WeekFigures>;
export type Figures = Omit<VeilleActivity['totals'], 'weeks'>;
/** `failing`: the last poll failed; `broken`: BROKEN_AFTER failures in a row or more (the team was told). */
export type SourceState = VeilleActivity['sources'][number]['state'];
