import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { CnfptTypeSchema } from './posts.js';
import { Id } from './shared.js';

/**
 * Route schemas of the CNFPT resources (national sources, a community's veille inbox): the only definition of
 * their shapes. The server validates with them, the web client reads their types.
 */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
export const SourceIdParams = Type.Object({ id: Id });
export const ItemParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }), id: Id });

export const NewCnfptSource = Type.Object({
  url: Type.String({ minLength: 1, maxLength: LIMITS.linkUrl }),
  title: Type.Optional(Type.String({ maxLength: LIMITS.veilleSourceTitle })),
  /** What the source's items are: prefilled when an animator promotes one. */
  resourceType: CnfptTypeSchema,
}, { additionalProperties: false });

export const CnfptSource = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  title: Type.String(),
  resourceType: CnfptTypeSchema,
  createdAt: Type.String(),
  lastPolledAt: Nullable(Type.String()),
  lastSuccessAt: Nullable(Type.String()),
  error: Nullable(Type.Object({ message: Type.String(), at: Type.String(), failuresInARow: Type.Integer() })),
  itemCount: Type.Integer(),
});

export const CnfptSourceList = Type.Object({ items: Type.Array(CnfptSource) });

export const CnfptInboxItem = Type.Object({
  id: Type.Integer(),
  link: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  publishedAt: Nullable(Type.String()),
  fetchedAt: Type.String(),
  resourceType: CnfptTypeSchema,
  source: Type.Object({ id: Type.Integer(), title: Type.String() }),
});

export const CnfptInboxPage = Type.Object({ items: Type.Array(CnfptInboxItem), nextCursor: Nullable(Type.String()) });

/** Everything is prefilled from the item; the animator may change the title, the type and add a word. */
export const PromoteBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: LIMITS.postTitle })),
  commentary: Type.Optional(Type.String({ maxLength: LIMITS.postBody })),
  cnfptType: Type.Optional(CnfptTypeSchema),
  rubriqueId: Type.Optional(Nullable(Id)),
}, { additionalProperties: false });

export const Promoted = Type.Object({ postId: Type.Integer() });

/** The client's names for what it sends and reads. */
export type CnfptSource = Static<typeof CnfptSource>;
export type CnfptSourceList = Static<typeof CnfptSourceList>;
export type NewCnfptSource = Static<typeof NewCnfptSource>;
export type CnfptItem = Static<typeof CnfptInboxItem>;
export type CnfptInboxPage = Static<typeof CnfptInboxPage>;
export type PromoteInput = Static<typeof PromoteBody>;
export type Promoted = Static<typeof Promoted>;
