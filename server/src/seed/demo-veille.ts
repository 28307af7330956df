import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { parseFeed } from '../modules/veille/feed-parser.js';
import { storeEntries } from '../modules/veille/poller.js';

const DAY = 86_400_000;

/** Feeds recorded with the demo data (fictitious sources on the reserved .test domain): the demo needs no network. */
const RECORDED = [
  { file: 'cohesion-territoires.rss.xml', url: 'https://cohesion-territoires.e-communautes.test/rss.xml' },
  { file: 'centre-ressources.atom.xml', url: 'https://centre-ressources.e-communautes.test/atom.xml' },
];

/**
 * A recorded feed read through the poller's own parser, its dates moved so that the newest entry is from yesterday,
 * and when it is said to have been polled (20 minutes ago).
 */
export function recordedFeed(file: string, url: string, now: Date) {
  const xml = readFileSync(new URL(`./feeds/${file}`, import.meta.url), 'utf8');
  const parsed = parseFeed(xml, url);
  const newest = Math.max(...parsed.entries.map((e) => e.publishedAt?.getTime() ?? 0));
  const shift = now.getTime() - DAY - newest;
  const entries = parsed.entries.map((e) => ({ ...e, publishedAt: e.publishedAt ? new Date(e.publishedAt.getTime() + shift) : null }));
  return { parsed, entries, polledAt: new Date(now.getTime() - 20 * 60_000).toISOString() };
}

/**
 * A community's veille sources with their items already fetched, read from the recorded feeds through the poller's
 * own parser and storage, so that an animator can publish from the inbox on a fresh `npm start`. The entries' dates
 * are moved so that the newest is from yesterday. The sources are never polled (next poll at 'infinity'): their
 * addresses do not resolve, and a demo without network must not report them as broken.
 */
export async function seedDemoVeille(tx: DbOrTx, communityId: number, animatorId: number, now: Date): Promise<number> {
  let total = 0;
  for (const feed of RECORDED) {
    const { parsed, entries, polledAt } = recordedFeed(feed.file, feed.url, now);
    const { rows } = await tx.execute<{ id: number }>(sql`
      INSERT INTO veille_sources (community_id, url, title, created_by, created_at, last_polled_at, last_success_at, next_poll_at)
      VALUES (${communityId}, ${feed.url}, ${parsed.title}, ${animatorId}, ${new Date(now.getTime() - 30 * DAY).toISOString()},
              ${polledAt}, ${polledAt}, 'infinity')
      RETURNING id::int AS id`);
    const added = await storeEntries(tx, rows[0]!.id, communityId, entries);
    await tx.execute(sql`UPDATE veille_items SET fetched_at = ${polledAt} WHERE source_id = ${rows[0]!.id}`);
    await tx.execute(sql`UPDATE veille_sources SET item_count = ${added} WHERE id = ${rows[0]!.id}`);
    total += added;
  }
  return total;
}
