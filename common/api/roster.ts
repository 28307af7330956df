import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { Day, Id, UserRef } from './shared.js';

/** Route schemas of the duty roster: the server validates with them, the web client reads their types. */

export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: LIMITS.communitySlug }) });
export const WeekParams = Type.Object({ slug: SlugParam.properties.slug, week: Day });
export const RosterQuery = Type.Object({
  /** Any day of the first week shown; default the current week. */
  from: Type.Optional(Day),
  weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.rosterWeeks })),
});
export const SetDutyBody = Type.Object({ animatorId: Id }, { additionalProperties: false });

export const DutyWeek = Type.Object({ weekStart: Type.String(), animator: Type.Union([UserRef, Type.Null()]) });

export const Roster = Type.Object({
  currentWeek: Type.String(),
  weeks: Type.Array(DutyWeek),
  team: Type.Array(Type.Object({ ...UserRef.properties, role: Type.String() })),
  can: Type.Object({ edit: Type.Boolean() }),
});

/** The client's names for what it sends and reads. */
export type Roster = Static<typeof Roster>;
