import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { maybeOne } from '../../db/query.js';

/**
 * Where an address of the previous platform now lives (old_addresses, filled by `npm run import`), or null.
 * One primary-key lookup; only asked for requests no route answered, so pages of this platform never pay for it.
 */
export async function newAddressFor(db: DbOrTx, url: string): Promise<string | null> {
  // Longer than any stored path (a URL of the old platform, at most 2,000 characters): no need to ask.
  if (url.length > 2100) return null;
  const found = await maybeOne<{ new_path: string }>(db, sql`SELECT new_path FROM old_addresses WHERE old_path = ${url}`);
  return found?.new_path ?? null;
}
