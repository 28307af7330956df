import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';

export const FREQUENCIES = ['immediately', 'daily', 'weekly', 'never'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
/** A member who never chose hears from a community once a week. */
export const DEFAULT_FREQUENCY: Frequency = 'weekly';

export interface PreferenceRow {
  communityId: number;
  slug: string;
  name: string;
  frequency: Frequency;
  /** False when no choice was saved (the default applies). */
  chosen: boolean;
}

/** Every community the member belongs to, with their choice or the default. */
export async function listPreferences(db: DbOrTx, userId: number): Promise<PreferenceRow[]> {
  const res = await db.execute<{ community_id: number; slug: string; name: string; frequency: Frequency | null }>(sql`
    SELECT c.id AS community_id, c.slug, c.name, ep.frequency
    FROM memberships m
    JOIN communities c ON c.id = m.community_id
    LEFT JOIN email_preferences ep ON ep.user_id = m.user_id AND ep.community_id = m.community_id
    WHERE m.user_id = ${userId}
    ORDER BY c.name, c.id`);
  return res.rows.map((r) => ({
    communityId: Number(r.community_id), slug: r.slug, name: r.name,
    frequency: r.frequency ?? DEFAULT_FREQUENCY, chosen: r.frequency !== null,
  }));
}

/** Saves a member's choice for one community they belong to. */
export async function setPreference(db: DbOrTx, userId: number, communityId: number, frequency: Frequency): Promise<void> {
  await db.transaction(async (tx) => {
    const member = await tx.execute(sql`SELECT 1 FROM memberships WHERE user_id = ${userId} AND community_id = ${communityId}`);
    if (member.rows.length === 0) throw new AppError('NOT_MEMBER');
    await upsert(tx, userId, communityId, frequency);
  });
}

async function upsert(db: DbOrTx, userId: number, communityId: number, frequency: Frequency): Promise<void> {
  await db.execute(sql`
    INSERT INTO email_preferences (user_id, community_id, frequency) VALUES (${userId}, ${communityId}, ${frequency})
    ON CONFLICT (user_id, community_id) DO UPDATE SET frequency = EXCLUDED.frequency, updated_at = now()`);
}

/**
 * One-click unsubscribe: 'never' for that community. Works for a member who has since left
 * (nothing would be sent anyway) and for a deleted community or account (nothing to do).
 */
export async function unsubscribe(db: DbOrTx, userId: number, communityId: number): Promise<{ communityName: string } | null> {
  const res = await db.execute<{ name: string }>(sql`
    SELECT c.name FROM communities c, users u WHERE c.id = ${communityId} AND u.id = ${userId}`);
  const row = res.rows[0];
  if (!row) return null;
  await upsert(db, userId, communityId, 'never');
  return { communityName: row.name };
}
