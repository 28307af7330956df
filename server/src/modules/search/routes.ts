import { LIMITS } from '../../../../common/limits.js';
import { AppError } from '../../lib/errors.js';
import { errorResponses } from '../../lib/schemas.js';
import type { App } from '../../types.js';
import { asDate, assertDay } from '../calendar/time.js';
import { decodeHitCursor, encodeHitCursor } from './cursor.js';
import { highlightToHtml } from './highlight.js';
import { authorIdsMatching, hitDetails, isSearchable, readableCommunities, searchHits, type SearchFilters } from './queries.js';
import { SearchQuery, SearchResults } from './schema.js';

const tags = ['recherche'];
const empty = { items: [], nextCursor: null };

export default async function searchRoutes(app: App) {
  app.get('/search', {
    schema: {
      tags,
      summary: 'Recherche plein texte dans les publications et commentaires des e-communautés lisibles',
      description: 'Syntaxe : mots (tous requis), "expression exacte", `or`, `-mot` pour exclure. Accents et pluriels ignorés.',
      querystring: SearchQuery, response: { 200: SearchResults, ...errorResponses },
    },
  }, async (request) => {
    const { q: raw, community, kind, author, from, to } = request.query;
    const q = raw.trim();
    if (!q) throw new AppError('SEARCH_QUERY_REQUIRED');
    assertDay(from, 'from');
    assertDay(to, 'to');
    const after = decodeHitCursor(request.query.cursor);
    const limit = request.query.limit ?? LIMITS.pageSize;

    const readable = await readableCommunities(app.db, request.user);
    const scope = community ? readable.filter((c) => c.slug === community) : readable;
    if (community && scope.length === 0) throw new AppError('COMMUNITY_NOT_FOUND');
    // Only stop words ("le", "de la"): nothing to look for, and no error either.
    if (scope.length === 0 || !(await isSearchable(app.db, q))) return empty;

    const filters: SearchFilters = { communityIds: scope.map((c) => c.id), kind, from, to };
    if (author?.trim()) {
      filters.authorIds = await authorIdsMatching(app.db, author);
      if (filters.authorIds.length === 0) return empty;
    }

    const rows = await searchHits(app.db, q, filters, after, limit);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const details = new Map((await hitDetails(app.db, q, page)).map((d) => [`${d.t}:${d.id}`, d]));
    const communities = new Map(readable.map((c) => [c.id, c]));
    const items = page.flatMap((h) => {
      const d = details.get(`${h.t}:${h.id}`);
      const c = d && communities.get(d.community_id);
      if (!d || !c) return [];
      return [{
        type: h.t === 0 ? 'post' as const : 'comment' as const,
        id: h.id,
        post: { id: d.post_id, title: d.post_title, kind: d.post_kind as never },
        community: c,
        author: { id: d.author_id, firstName: d.first_name, lastName: d.last_name },
        createdAt: asDate(d.created_at).toISOString(),
        titleHtml: highlightToHtml(d.title_headline),
        excerptHtml: highlightToHtml(d.excerpt_headline),
      }];
    });
    return { items, nextCursor: rows.length > limit && last ? encodeHitCursor(last) : null };
  });
}
