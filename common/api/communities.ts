import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { Id, Page } from './shared.js';

/**
 * Route schemas of the communities module: the only definition of its request and response shapes. The
 * server validates with them, the web client reads their types.
 */

export const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

export const CommunityRoleSchema = Type.Union([Type.Literal('member'), Type.Literal('animator'), Type.Literal('coordinator')]);
export const CommunityStatusSchema = Type.Union([Type.Literal('draft'), Type.Literal('open'), Type.Literal('archived')]);
const role = CommunityRoleSchema;
const status = CommunityStatusSchema;
const text = Type.String({ maxLength: LIMITS.communityText });
const name = Type.String({ minLength: 1, maxLength: LIMITS.communityName, pattern: '\\S' });
const slug = Type.String({ minLength: 2, maxLength: LIMITS.communitySlug, pattern: SLUG_PATTERN });
const launchDate = Type.Union([Type.String({ format: 'date', pattern: '^(19|20|21)\\d{2}-\\d{2}-\\d{2}$' }), Type.Null()]);
const relatedIds = Type.Array(Id, { maxItems: 50, uniqueItems: true });

export const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
export const RoleParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 200 }),
  userId: Id,
});

export const DirectoryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: LIMITS.communityName })),
  status: Type.Optional(status),
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax })),
});

export const MembersQuery = Type.Object({
  role: Type.Optional(role),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax })),
});

export const CreateBody = Type.Object(
  {
    slug,
    name,
    description: text,
    perimeter: Type.Optional(text),
    targetAudience: Type.Optional(text),
    editorialLine: Type.Optional(text),
    status: Type.Optional(status),
    launchDate: Type.Optional(launchDate),
    relatedIds: Type.Optional(relatedIds),
  },
  { additionalProperties: false },
);

export const UpdateBody = Type.Object(
  {
    slug: Type.Optional(slug),
    name: Type.Optional(name),
    description: Type.Optional(text),
    perimeter: Type.Optional(text),
    targetAudience: Type.Optional(text),
    editorialLine: Type.Optional(text),
    status: Type.Optional(status),
    launchDate: Type.Optional(launchDate),
    relatedIds: Type.Optional(relatedIds),
  },
  { additionalProperties: false },
);

export const RoleBody = Type.Object({ role }, { additionalProperties: false });

const CommunityRef = Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String() });
const UserRef = Type.Object({ id: Type.Integer(), firstName: Type.String(), lastName: Type.String() });

const summaryFields = {
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  status,
  launchDate: Type.Union([Type.String(), Type.Null()]),
  memberCount: Type.Integer(),
  postCount: Type.Integer(),
  myRole: Type.Union([role, Type.Null()]),
};

export const CommunitySummary = Type.Object(summaryFields);

export const Abilities = Type.Object({
  view: Type.Boolean(),
  edit: Type.Boolean(),
  editEditorial: Type.Boolean(),
  join: Type.Boolean(),
  leave: Type.Boolean(),
  post: Type.Boolean(),
  moderate: Type.Boolean(),
  readModerationAudit: Type.Boolean(),
  appointCoordinator: Type.Boolean(),
  appointAnimator: Type.Boolean(),
});

export const Community = Type.Object({
  ...summaryFields,
  perimeter: Type.String(),
  targetAudience: Type.String(),
  editorialLine: Type.String(),
  related: Type.Array(CommunityRef),
  coordinators: Type.Array(UserRef),
  animators: Type.Array(UserRef),
  can: Abilities,
});

export const Member = Type.Object({
  user: Type.Object({
    id: Type.Integer(),
    firstName: Type.String(),
    lastName: Type.String(),
    employer: Type.String(),
    job: Type.String(),
  }),
  role,
  joinedAt: Type.String({ format: 'date-time' }),
});

export const RoleResult = Type.Object({ userId: Type.Integer(), role });

export const CommunitySummaryPage = Page(CommunitySummary);
export const MemberPage = Page(Member);

/** The client's names for what it sends and reads. */
export type CommunityRole = Static<typeof CommunityRoleSchema>;
export type CommunityStatus = Static<typeof CommunityStatusSchema>;
export type CommunitySummary = Static<typeof CommunitySummary>;
export type CommunitySummaryPage = Static<typeof CommunitySummaryPage>;
export type Community = Static<typeof Community>;
export type CommunityAbilities = Static<typeof Abilities>;
export type Member = Static<typeof Member>;
export type MemberPage = Static<typeof MemberPage>;
export type CommunityInput = Static<typeof CreateBody>;
export type CommunityUpdate = Static<typeof UpdateBody>;
export type RoleResult = Static<typeof RoleResult>;
