import { Type } from 'typebox';
import { LIMITS } from '../../../../common/limits.js';
import { Id } from '../../lib/schemas.js';
import { CnfptTypeSchema } from '../../../../common/api/posts.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

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
