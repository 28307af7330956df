import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { mfaPasskeys } from '../../db/schema/index.js';

/** A person's passkeys, for « Sécurité du compte » (a handful at most: no pagination needed). */
export async function listPasskeys(db: DbOrTx, userId: number) {
  const rows = await db.select({ id: mfaPasskeys.id, name: mfaPasskeys.name, createdAt: mfaPasskeys.createdAt, lastUsedAt: mfaPasskeys.lastUsedAt })
    .from(mfaPasskeys).where(eq(mfaPasskeys.userId, userId)).orderBy(asc(mfaPasskeys.id));
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null }));
}
