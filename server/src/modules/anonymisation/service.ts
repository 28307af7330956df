import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { detectInText, nameCandidates, nameKey, type Detection } from './rules.js';

export type { Detection, PersonalDataKind } from './rules.js';

/**
 * Keys (lower-case, unaccented "first last") of the platform's members whose name appears
 * in the text as a run of capitalised words. One query, bounded by the candidate count;
 * the equality on name_key (the stored key under users_name_trgm) lets PostgreSQL use that index.
 */
async function memberKeysIn(db: DbOrTx, text: string): Promise<Set<string>> {
  const keys = [...new Set(nameCandidates(text).map((c) => nameKey(c.text)))];
  if (keys.length === 0) return new Set();
  const { rows } = await db.execute<{ k: string }>(sql`
    SELECT DISTINCT name_key AS k
      FROM users
     WHERE deleted_at IS NULL
       AND name_key = ANY(${sql`ARRAY[${sql.join(keys.map((k) => sql`${k}`), sql`, `)}]::text[]`})`);
  return new Set(rows.map((r) => nameKey(r.k)));
}

/**
 * Likely personal data in a text, each with a proposed redaction, in text order.
 * Used by the writing helper (POST /api/anonymisation/detect) and the moderation queue.
 */
export async function detectPersonalData(db: DbOrTx, text: string): Promise<Detection[]> {
  return detectInText(text, await memberKeysIn(db, text));
}
