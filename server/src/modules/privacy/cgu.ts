import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { App } from '../../types.js';
import { AppError } from '../../lib/errors.js';
import { named } from '../../lib/named-query.js';

export const CGU_SLUG = 'cgu';

/**
 * Records that the new member accepted the CGU version in force, inside the registration
 * transaction (the form requires acceptCgu: true). No row when the page does not exist.
 */
export async function recordCguAtRegistration(tx: DbOrTx, userId: number): Promise<void> {
  await tx.execute(sql`
    INSERT INTO cgu_acceptances (user_id, version)
    SELECT ${userId}, version FROM legal_pages WHERE slug = ${CGU_SLUG}
    ON CONFLICT DO NOTHING`);
}

/**
 * The CGU version the member still has to accept, or null.
 * Rule: asked when the member's latest accepted version is older than the one in force.
 * A member with no acceptance at all (accounts inserted by tools: demo, benchmarks, test factories)
 * is not asked: every registration through the API records one, and the migration backfilled the rest.
 */
export async function cguToAccept(app: App, userId: number): Promise<{ version: number; title: string } | null> {
  // Named: also runs on every write of a signed-in member (the gate below).
  const [toAccept] = await named<{ version: number; title: string }>(app.db, 'cgu-to-accept', sql`
    SELECT p.version, p.title FROM legal_pages p
     WHERE p.slug = 'cgu' AND (SELECT max(a.version) FROM cgu_acceptances a WHERE a.user_id = ${userId}) < p.version`);
  return toAccept ?? null;
}

/**
 * Accepts the given version, which must be the one in force: accepting a version the member has
 * not been shown would record a consent they did not give. Accepting twice is harmless.
 */
export async function acceptCgu(app: App, userId: number, version: number): Promise<void> {
  await app.db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ version: number }>(sql`SELECT version FROM legal_pages WHERE slug = ${CGU_SLUG} FOR SHARE`);
    const current = rows[0];
    if (!current) throw new AppError('PAGE_NOT_FOUND');
    if (current.version !== version) throw new AppError('CGU_VERSION_CHANGED');
    await tx.execute(sql`
      INSERT INTO cgu_acceptances (user_id, version) VALUES (${userId}, ${version}) ON CONFLICT DO NOTHING`);
  });
}
