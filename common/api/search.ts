import { Type, type Static } from 'typebox';
import { Id, POST_KINDS, PostKindSchema } from './shared.js';

/** Route schemas of full-text search (GET /api/search): the server validates with them, the web client reads their types. */

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });

export const SEARCH_QUERY_MAX = 200;

export const SearchQuery = Type.Object({
  q: Type.String({ maxLength: SEARCH_QUERY_MAX }),
  /** Community slug. */
  community: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  kind: Type.Optional(PostKindSchema),
  /** Part of the author's name, accents and case ignored. */
  author: Type.Optional(Type.String({ maxLength: 80 })),
  /** Paris days, both inclusive. */
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});

export const SearchHit = Type.Object({
  type: Type.Union([Type.Literal('post'), Type.Literal('comment')]),
  /** The post's or the comment's id. */
  id: Id,
  post: Type.Object({ id: Id, title: Type.String(), kind: Type.Union(POST_KINDS.map((k) => Type.Literal(k))) }),
  community: Type.Object({ id: Id, slug: Type.String(), name: Type.String() }),
  author: Type.Object({ id: Id, firstName: Type.String(), lastName: Type.String() }),
  createdAt: Type.String({ format: 'date-time' }),
  /** HTML: the title with the matched words in <mark>; everything else escaped. */
  titleHtml: Type.String(),
  /** HTML: an excerpt around the matches, in <mark>; everything else escaped. */
  excerptHtml: Type.String(),
});

export const SearchResults = Type.Object({ items: Type.Array(SearchHit), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export type SearchQuery = Static<typeof SearchQuery>;
export type SearchHit = Static<typeof SearchHit>;
export type SearchResults = Static<typeof SearchResults>;
