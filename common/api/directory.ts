import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { REGIONS } from '../territories.js';
import { DEPARTEMENT_PATTERN } from './accounts.js';
import { Page } from './shared.js';

/**
 * Route schemas of the member directory (search, profiles, contributions, privacy settings): the only definition
 * of their shapes. The server validates with them, the web client reads their types.
 */

const date = Type.String({ format: 'date-time' });
const filterText = Type.String({ minLength: 2, maxLength: LIMITS.directoryText });

export const DirectoryQuery = Type.Object({
  /** Name, accent- and case-insensitive, typos tolerated (trigrams). */
  q: Type.Optional(Type.String({ minLength: 2, maxLength: LIMITS.personName })),
  job: Type.Optional(filterText),
  employer: Type.Optional(filterText),
  departement: Type.Optional(Type.String({ pattern: DEPARTEMENT_PATTERN, maxLength: LIMITS.departement })),
  region: Type.Optional(Type.Union(REGIONS.map((r) => Type.Literal(r.code)))),
  community: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.communitySlug })),
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax })),
});
export type DirectoryQueryIn = Static<typeof DirectoryQuery>;

const RegionOut = Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]);
const maybe = Type.Union([Type.String(), Type.Null()]);

/** A directory line: hidden details are null, never the stored value. */
export const DirectoryEntry = Type.Object({
  id: Type.Integer(),
  firstName: Type.String(),
  lastName: Type.String(),
  employer: maybe,
  job: maybe,
  departement: maybe,
  region: RegionOut,
});

export const Settings = Type.Object({
  listed: Type.Boolean(),
  showEmployer: Type.Boolean(),
  showJob: Type.Boolean(),
  showTerritory: Type.Boolean(),
  showEmail: Type.Boolean(),
  messageEmail: Type.Boolean(),
});
export type SettingsOut = Static<typeof Settings>;

export const SettingsBody = Type.Partial(Settings, { additionalProperties: false, minProperties: 1 });

const Membership = Type.Object({
  community: Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String() }),
  role: Type.Union([Type.Literal('member'), Type.Literal('animator'), Type.Literal('coordinator')]),
});

export const MemberProfile = Type.Object({
  ...DirectoryEntry.properties,
  email: maybe,
  bio: Type.String(),
  createdAt: date,
  memberships: Type.Array(Membership),
  /** Whether the viewer has blocked this member (their messages no longer reach the viewer). */
  blockedByMe: Type.Boolean(),
  can: Type.Object({ edit: Type.Boolean(), message: Type.Boolean(), block: Type.Boolean() }),
});

export const Contribution = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  excerpt: Type.String(),
  commentCount: Type.Integer(),
  createdAt: date,
  community: Type.Object({ slug: Type.String(), name: Type.String() }),
});

export const DirectoryEntryPage = Page(DirectoryEntry);
export const ContributionPage = Page(Contribution);

/** The client's names for what it sends and reads. */
export type DirectoryEntry = Static<typeof DirectoryEntry>;
export type DirectoryEntryPage = Static<typeof DirectoryEntryPage>;
export type MemberProfile = Static<typeof MemberProfile>;
export type Contribution = Static<typeof Contribution>;
export type ContributionPage = Static<typeof ContributionPage>;
export type DirectorySettings = SettingsOut;
