import { Type, type Static, type TSchema } from 'typebox';

/**
 * TypeBox pieces shared by the API's request and response schemas (common/api/<area>.ts). The server
 * validates and serializes with them; the web client reads only their types (`import type` + `Static`),
 * so TypeBox is never bundled.
 */

export const ErrorBody = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  { $id: 'ErrorBody' },
);

/**
 * The one schema of a row id (bigint identity columns, read as JavaScript numbers): every id in a
 * path, a query or a body uses it. Non-finite values ("1e309" coerced to Infinity) are refused for
 * every number by plugins/input-guard.ts, since Ajv skips `maximum` on them.
 */
export const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export const IdParam = Type.Object({ id: Id });

/**
 * A calendar day "YYYY-MM-DD" that exists: `format: 'date'` refuses 2026-02-30 or 9999-99-99 before
 * any code builds a Date from it (an invalid Date throws on toISOString, which was a 500).
 */
export const Day = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });

export const CursorQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});

export const Ok = Type.Object({ ok: Type.Literal(true) });

/** A page of items plus the opaque cursor of the next page (null at the end). */
export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

/** The API's references to a user and to a community, as most answers embed them. */
export const UserRef = Type.Object({ id: Id, firstName: Type.String(), lastName: Type.String() });
export const CommunityRef = Type.Object({ id: Id, slug: Type.String(), name: Type.String() });

export const POST_KINDS = ['discussion', 'question', 'article', 'veille', 'ressource', 'evenement', 'sondage', 'partage'] as const;
export const PostKindSchema = Type.Union([
  Type.Literal('discussion'), Type.Literal('question'), Type.Literal('article'), Type.Literal('veille'),
  Type.Literal('ressource'), Type.Literal('evenement'), Type.Literal('sondage'), Type.Literal('partage'),
]);

export type UserRefOut = Static<typeof UserRef>;
export type CommunityRefOut = Static<typeof CommunityRef>;
export type PostKind = Static<typeof PostKindSchema>;
