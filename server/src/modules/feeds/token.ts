import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';

/** base64url of 32 random bytes (lib/tokens.ts): anything else is refused before reaching the database. */
export const FeedTokenParam = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) });

/** The private feed addresses of a token, absolute (they are pasted into other applications). */
export function feedUrls(publicUrl: string, token: string) {
  return {
    agendaUrl: `${publicUrl}/api/feeds/${token}/agenda.ics`,
    atomUrl: `${publicUrl}/api/feeds/${token}/feed.atom`,
  };
}

/** Replaces the member's feed secret (the previous addresses stop working) and returns the new one, in clear, once. */
export async function renewFeedToken(db: DbOrTx, userId: number): Promise<{ token: string; createdAt: Date }> {
  const token = newToken();
  const { rows } = await db.execute<{ created_at: Date }>(sql`
    UPDATE users SET feed_token_hash = ${hashToken(token)}, feed_token_created_at = now()
     WHERE id = ${userId} RETURNING feed_token_created_at AS created_at`);
  return { token, createdAt: new Date(rows[0]!.created_at) };
}

export async function revokeFeedToken(db: DbOrTx, userId: number): Promise<void> {
  await db.execute(sql`UPDATE users SET feed_token_hash = NULL, feed_token_created_at = NULL WHERE id = ${userId}`);
}

export async function feedTokenCreatedAt(db: DbOrTx, userId: number): Promise<Date | null> {
  const { rows } = await db.execute<{ created_at: Date | null }>(sql`SELECT feed_token_created_at AS created_at FROM users WHERE id = ${userId}`);
  return rows[0]?.created_at ? new Date(rows[0].created_at) : null;
}

/**
 * The owner of a private feed address. A deleted or banned member's addresses stop working at once,
 * like their sessions; an unknown, revoked or replaced token is the same "not found".
 */
export async function feedOwner(db: DbOrTx, token: string): Promise<number> {
  const { rows } = await db.execute<{ id: number }>(sql`
    SELECT id FROM users
     WHERE feed_token_hash = ${hashToken(token)} AND deleted_at IS NULL AND banned_at IS NULL`);
  if (!rows[0]) throw new AppError('FEED_NOT_FOUND');
  return Number(rows[0].id);
}
