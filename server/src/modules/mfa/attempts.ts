import { sql } from 'drizzle-orm';
import { AppError } from '../../lib/errors.js';
import { counterUpsert } from '../../lib/rate-limit.js';
import { namedText } from '../../lib/named-query.js';
import type { Db } from '../../db/client.js';

/**
 * Second-factor codes are six digits: guessing must be bounded per account, wherever the guesses come from.
 * Only failures count (a person signing in several times a day is never held back), 5 per 15 minutes, not
 * multiplied by RATE_LIMIT_FACTOR: this is a security bound, not a load limit.
 */
export const MFA_ATTEMPTS = { max: 5, windowSeconds: 15 * 60 };

const key = (userId: number) => `mfa-failures:u${userId}`;
const UPSERT = counterUpsert('$1', '$2');

function tooMany(retry: number): AppError {
  const err = new AppError('MFA_TOO_MANY_ATTEMPTS');
  Object.assign(err, { retryAfter: Math.max(1, retry) });
  return err;
}

/** Refuses (429 MFA_TOO_MANY_ATTEMPTS) before checking anything once the account used up its failures. */
export async function assertAttemptsLeft(app: { db: Db }, userId: number): Promise<void> {
  const { rows } = await app.db.execute<{ count: number; retry: number }>(sql`
    SELECT count, ceil(extract(epoch FROM reset_at - now()))::int AS retry FROM rate_limits WHERE key = ${key(userId)} AND reset_at > now()`);
  const row = rows[0];
  if (row && Number(row.count) >= MFA_ATTEMPTS.max) throw tooMany(row.retry);
}

export async function countFailedAttempt(app: { db: Db }, userId: number): Promise<void> {
  await namedText(app.db, 'mfa-failure', UPSERT, [key(userId), MFA_ATTEMPTS.windowSeconds]);
}
