import type pg from 'pg';

/**
 * Where an address of the previous platform now lives (old_addresses, filled by `npm run import`), or null.
 * One primary-key lookup; only asked for requests no route answered, so pages of this platform never pay for it.
 */
export async function newAddressFor(pool: pg.Pool, url: string): Promise<string | null> {
  // Longer than any stored path (a URL of the old platform, at most 2,000 characters): no need to ask.
  if (url.length > 2100) return null;
  const { rows } = await pool.query<{ new_path: string }>('SELECT new_path FROM old_addresses WHERE old_path = $1', [url]);
  return rows[0]?.new_path ?? null;
}
