import { LIMITS } from '../../../../common/limits.js';
import { AppError } from '../../lib/errors.js';
import { errorResponses } from '../../lib/schemas.js';
import type { Db } from '../../db/client.js';
import type { App } from '../../types.js';
import { asDate, assertDay } from '../calendar/time.js';
import { decodeSearchCursor, encodeSearchCursor } from './cursor.js';
import { hitPattern, htmlToText, markAll, markedExcerpt } from './highlight.js';
import {
  authorIdsMatching, byRank, hitBodies, hitDetails, type HitDetails, type HitKey, type HitRow, normalized, searchContext, type SearchFilters, searchWindow,
} from './queries.js';
import { isRareQuery } from './rarity.js';
import { SearchQuery, SearchResults } from '../../../../common/api/search.js';
import { similarRoutes } from './similar.js';
import { Excerpts, SearchHitCache } from './hit-cache.js';

const tags = ['recherche'];
const empty = { items: [], nextCursor: null };

export default async function searchRoutes(app: App) {
  similarRoutes(app, tags);
  const hitPages = new SearchHitCache(app.pageCache, app.config.searchCacheSeconds * 1000);

  /** Fills a page from one window, moving to older windows while the page has room (a few at most). */
  async function collectPage(db: Db, q: string, filters: SearchFilters, before: string | null, after: HitKey | null, limit: number) {
    const page: HitRow[] = [];
    const rare = await isRareQuery(db, q, normalized(q));
    for (let windows = 0; windows < 5; windows += 1) {
      const win = await searchWindow(db, q, filters, before, rare);
      const rest = after ? win.hits.filter((h) => byRank(h, after!) > 0) : win.hits;
      const room = limit - page.length;
      page.push(...rest.slice(0, room));
      if (rest.length > room) {
        return { page, nextCursor: encodeSearchCursor({ before, after: page[page.length - 1]! }) };
      }
      if (win.nextBefore === null) return { page, nextCursor: null };
      before = win.nextBefore;
      after = null;
      if (page.length === limit) return { page, nextCursor: encodeSearchCursor({ before, after: null }) };
    }
    return { page, nextCursor: encodeSearchCursor({ before, after: null }) };
  }

  /** Each hit's highlighted excerpt: made before at its row's version, or now from its body (one statement). */
  async function excerptsOf(db: Db, details: HitDetails[], excerpts: Excerpts, pattern: RegExp | null): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const missing = details.filter((d) => {
      const html = excerpts.get(`${d.t}:${d.id}`, d.version);
      if (html !== undefined) out.set(`${d.t}:${d.id}`, html);
      return html === undefined;
    });
    if (missing.length === 0) return out;
    for (const b of await hitBodies(db, missing)) {
      const html = markedExcerpt(htmlToText(b.body_html), pattern);
      excerpts.set(`${b.t}:${b.id}`, b.version, html);
      out.set(`${b.t}:${b.id}`, html);
    }
    return out;
  }

  app.get('/search', {
    config: { readReplica: true },
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
    const cursor = decodeSearchCursor(request.query.cursor);
    const limit = request.query.limit ?? LIMITS.pageSize;

    const { readable, searchable, lexemes } = await searchContext(request.readDb, request.user, q);
    const scope = community ? readable.filter((c) => c.slug === community) : readable;
    if (community && scope.length === 0) throw new AppError('COMMUNITY_NOT_FOUND');
    // Only stop words ("le", "de la"): nothing to look for, and no error either.
    if (scope.length === 0 || !searchable) return empty;

    const filters: SearchFilters = { communityIds: scope.map((c) => c.id), kind, from, to };
    if (author?.trim()) {
      filters.authorIds = await authorIdsMatching(request.readDb, author);
      if (filters.authorIds.length === 0) return empty;
    }

    // Hits shared between readers, except with whoever has just written: they may be looking for what they wrote
    // (read-your-writes, plugins/recent-writes.ts).
    const find = () => collectPage(request.readDb, q, filters, cursor.before, cursor.after, limit);
    const { page, nextCursor, excerpts } = request.wroteRecently
      ? { ...(await find()), excerpts: new Excerpts() }
      : await hitPages.get(q, filters, cursor.before, cursor.after, limit, find);
    const found = await hitDetails(request.readDb, page);
    const details = new Map(found.map((d) => [`${d.t}:${d.id}`, d]));
    const communities = new Map(readable.map((c) => [c.id, c]));
    const pattern = hitPattern(lexemes);
    const excerptOf = await excerptsOf(request.readDb, found, excerpts, pattern);
    const items = page.flatMap((h) => {
      const d = details.get(`${h.t}:${h.id}`);
      const c = d && communities.get(d.community_id);
      const excerptHtml = excerptOf.get(`${h.t}:${h.id}`);
      if (!d || !c || excerptHtml === undefined) return [];
      return [{
        type: h.t === 0 ? 'post' as const : 'comment' as const,
        id: h.id,
        post: { id: d.post_id, title: d.post_title, kind: d.post_kind as never },
        community: c,
        author: { id: d.author_id, firstName: d.first_name, lastName: d.last_name },
        createdAt: asDate(d.created_at).toISOString(),
        titleHtml: markAll(d.post_title, pattern),
        excerptHtml,
      }];
    });
    return { items, nextCursor };
  });
}
