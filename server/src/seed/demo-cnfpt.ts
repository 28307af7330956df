import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { storeCnfptEntries } from '../modules/cnfpt/poller.js';
import { recordedFeed } from './demo-veille.js';

const FEED_URL = 'https://catalogue-cnfpt.e-communautes.test/formations.rss';

/**
 * A national source of CNFPT training offers, set up by the demo's national admin, with its entries already fetched:
 * on a fresh `npm start` every community's veille offers them. Never polled ('infinity'), like the demo's veille
 * sources: the address does not resolve and a demo without network must not show it as failing.
 */
export async function seedDemoCnfpt(tx: DbOrTx, adminId: number, now: Date): Promise<number> {
  const { parsed, entries, polledAt } = recordedFeed('cnfpt-catalogue.rss.xml', FEED_URL, now);
  const { rows } = await tx.execute<{ id: number }>(sql`
    INSERT INTO cnfpt_sources (url, title, resource_type, created_by, created_at, last_polled_at, last_success_at, next_poll_at)
    VALUES (${FEED_URL}, ${parsed.title}, 'formation', ${adminId}, ${new Date(now.getTime() - 30 * 86_400_000).toISOString()},
            ${polledAt}, ${polledAt}, 'infinity')
    RETURNING id::int AS id`);
  const added = await storeCnfptEntries(tx, rows[0]!.id, entries);
  await tx.execute(sql`UPDATE cnfpt_items SET fetched_at = ${polledAt} WHERE source_id = ${rows[0]!.id}`);
  await tx.execute(sql`UPDATE cnfpt_sources SET item_count = ${added} WHERE id = ${rows[0]!.id}`);
  return added;
}
