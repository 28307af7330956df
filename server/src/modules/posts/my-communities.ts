import type { ByteLru } from '../../lib/byte-lru.js';
import { keysetPage } from '../../lib/cursor.js';
import type { FeedPage } from './feed-overlay.js';
import { mergeNewest } from './feed-overlay.js';

/**
 * The communities whose pages made a member's « mon fil » last time (slugs), kept beside the pages: with the pages
 * held for them, the next request knows which posts it will most likely show before asking PostgreSQL anything,
 * and reads their live parts in the statement that reads the communities (posts/queries.ts, myFeedRequest).
 * Only a guess: the statement's answer decides, and a wrong guess costs one more statement.
 */
export class MyCommunitiesMemo {
  constructor(private readonly lru: ByteLru<unknown>, private readonly maxAgeMs: number) {}

  remember(userId: number, slugs: string[]): void {
    this.lru.set(`mine:${userId}`, { at: Date.now(), slugs }, 64 + slugs.reduce((n, s) => n + 2 * s.length + 16, 0));
  }

  /** The ids of the first page merged from the held pages of my communities of last time; none if one is missing. */
  expectedPage(userId: number, held: (slug: string) => FeedPage | undefined, limit: number): number[] {
    const now = Date.now();
    const memo = this.lru.peek(`mine:${userId}`) as { at: number; slugs: string[] } | undefined;
    if (!memo || now - memo.at > this.maxAgeMs) return [];
    const pages: FeedPage[] = [];
    for (const slug of memo.slugs) {
      const page = held(slug);
      if (!page) return [];
      pages.push(page);
    }
    return keysetPage(mergeNewest(pages, limit).map(({ page, index }) => page.rows[index]!), limit).items.map((r) => r.id);
  }
}

export function sameIds(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
