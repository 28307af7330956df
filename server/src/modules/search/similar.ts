import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import type { DbOrTx } from '../../db/client.js';
import { isoText } from '../../lib/cursor.js';
import { errorResponses, Id } from '../../lib/schemas.js';
import type { App, CurrentUser } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { hitPattern, markAll } from './highlight.js';
import { readableSql } from './queries.js';

/**
 * « Questions similaires » while a member types a question's title: the questions and answered posts of
 * the community and of its related communities (those the person may read) sharing words with the title,
 * best first. Same full-text machinery as the search page (french_unaccent, search_normalize, GIN index);
 * the words are OR-ed, since a new title rarely repeats every word of an old one.
 */

/** Newest matching candidates ranked together: bounds the work for frequent words, as search.ts does. */
const CANDIDATES = 200;
export const SIMILAR_MAX = 5;

export const SimilarQuery = Type.Object({
  q: Type.String({ maxLength: 200 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SIMILAR_MAX })),
});

export const SimilarPost = Type.Object({
  id: Id,
  title: Type.String(),
  /** The title with the shared words in <mark>, everything else escaped. */
  titleHtml: Type.String(),
  kind: Type.String(),
  community: Type.Object({ slug: Type.String(), name: Type.String() }),
  commentCount: Type.Integer(),
  /** A question with an accepted solution. */
  solved: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});

interface SimilarRow extends Record<string, unknown> {
  id: number; title: string; kind: string; slug: string; name: string; comment_count: number; solved: boolean; created_at: string;
}

const anyWord = (q: string) =>
  sql`replace(plainto_tsquery('public.french_unaccent', public.search_normalize(${q}))::text, '&', '|')::tsquery`;

export async function similarPosts(db: DbOrTx, user: CurrentUser | null, communityId: number, q: string, limit: number): Promise<{ rows: SimilarRow[]; lexemes: string[] }> {
  const { rows } = await db.execute<SimilarRow & { lexemes: string[] | null }>(sql`
    WITH scope AS (
      SELECT r.id, r.slug, r.name FROM (${readableSql(user)}) r
       WHERE r.id = ${communityId} OR r.id IN (SELECT related_id FROM community_relations WHERE community_id = ${communityId})
    ), cand AS (
      SELECT p.id, p.title, p.kind, p.community_id, p.comment_count, p.created_at, ts_rank(p.search_vector, ${anyWord(q)}) AS score
        FROM posts p
       WHERE p.search_vector @@ ${anyWord(q)} AND p.deleted_at IS NULL AND p.hidden_at IS NULL
         AND p.community_id IN (SELECT id FROM scope)
         AND (p.kind = 'question' OR p.comment_count > 0)
       ORDER BY p.created_at DESC
       LIMIT ${CANDIDATES}
    )
    SELECT c.id, c.title, c.kind::text AS kind, s.slug, s.name, c.comment_count, ${isoText('c.created_at')} AS created_at,
           qu.solution_comment_id IS NOT NULL AS solved,
           tsvector_to_array(to_tsvector('public.french_unaccent', public.search_normalize(${q}))) AS lexemes
      FROM cand c JOIN scope s ON s.id = c.community_id
      LEFT JOIN questions qu ON qu.post_id = c.id
     ORDER BY c.score DESC, c.created_at DESC
     LIMIT ${limit}`);
  const lexemes = rows[0]?.lexemes ?? [];
  return { rows: rows.map((r) => ({ ...r, id: Number(r.id) })), lexemes };
}

export function similarRoutes(app: App, tags: string[]) {
  app.get('/communities/:slug/similar-questions', {
    schema: {
      tags,
      summary: 'Questions et publications ayant reçu des réponses, proches d’un titre en cours de saisie (e-communauté et e-communautés liées)',
      params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 80 }) }),
      querystring: SimilarQuery,
      response: { 200: Type.Object({ items: Type.Array(SimilarPost) }), ...errorResponses },
    },
  }, async (request) => {
    const ctx = await loadCommunityContext(app.db, request.params.slug, request.user);
    const q = request.query.q.trim();
    // Three letters at least: fewer match everything and tell nothing.
    if (q.replace(/\P{L}/gu, '').length < 3) return { items: [] };
    const { rows, lexemes } = await similarPosts(app.db, request.user, ctx.community.id, q, request.query.limit ?? SIMILAR_MAX);
    const pattern = hitPattern(lexemes);
    return {
      items: rows.map((r) => ({
        id: r.id, title: r.title, titleHtml: markAll(r.title, pattern), kind: r.kind, community: { slug: r.slug, name: r.name },
        commentCount: r.comment_count, solved: r.solved, createdAt: new Date(r.created_at).toISOString(),
      })),
    };
  });
}
