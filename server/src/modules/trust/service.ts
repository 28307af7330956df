import { sql, type SQL } from 'drizzle-orm';
import { namedText } from '../../lib/named-query.js';
import { assertUnderLimit, counterUpsert, counterUpsertSql, type RateHit } from '../../lib/rate-limit.js';
import { suspendedError } from '../sanctions/suspensions.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { contentHash, countLinks, normaliseForDuplicate, TRUST } from './rules.js';

export type Contribution =
  | { kind: 'post'; authorId: number; communityId: number; postKind?: string; title: string; body: string }
  | { kind: 'comment'; authorId: number; postId: number; body: string };

/**
 * People the platform already vouched for: the national team and anyone appointed animator or
 * coordinator somewhere (a freshly seeded or newly recruited animator must be able to work on day one).
 */
const trustedSql = sql`(u.national_role IS NOT NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role <> 'member'))`;

/** Younger than a day, or fewer than a few accepted contributions (not deleted, not hidden by moderation). */
export async function isNewAccount(db: DbOrTx, userId: number): Promise<boolean> {
  const { rows } = await db.execute<{ trusted: boolean; young: boolean; contributions: number }>(sql`
    SELECT ${trustedSql} AS trusted,
           u.created_at > now() - make_interval(hours => ${TRUST.newAccountHours}) AS young,
           (SELECT count(*) FROM (
              (SELECT 1 FROM posts WHERE author_id = u.id AND deleted_at IS NULL AND hidden_at IS NULL LIMIT ${TRUST.establishedAfterContributions})
              UNION ALL
              (SELECT 1 FROM comments WHERE author_id = u.id AND deleted_at IS NULL AND hidden_at IS NULL LIMIT ${TRUST.establishedAfterContributions})
            ) c)::int AS contributions
      FROM users u WHERE u.id = ${userId}`);
  const row = rows[0];
  if (!row) return true;
  if (row.trusted) return false;
  return row.young || row.contributions < TRUST.establishedAfterContributions;
}

/** NEW_ACCOUNT_LINK_LIMIT when a new account puts more links in a text than allowed. */
export async function assertLinksAllowed(db: DbOrTx, userId: number, markdown: string): Promise<void> {
  if (countLinks(markdown) <= TRUST.newAccountMaxLinks) return;
  if (await isNewAccount(db, userId)) throw new AppError('NEW_ACCOUNT_LINK_LIMIT');
}

/** The duplicate key of a contribution, or null when it is too empty to compare. */
function duplicateKey(c: Contribution): string | null {
  const body = normaliseForDuplicate(c.body);
  if (c.kind === 'comment') {
    if (!body) return null;
    return body.length >= TRUST.duplicateCommentGlobalLength ? contentHash(['c', body]) : contentHash(['c', c.postId, body]);
  }
  const title = normaliseForDuplicate(c.title);
  // Sharing a post into several communities is the point of a "partage": compare within one community.
  const where = c.postKind === 'partage' ? c.communityId : '';
  return body.length >= TRUST.duplicateCommentGlobalLength ? contentHash(['p', where, body]) : contentHash(['p', where, title, body]);
}

/** The rate_limits key holding a contribution's fingerprint, or null when it is too empty to compare. */
function fingerprintKey(c: Contribution): string | null {
  const hash = duplicateKey(c);
  return hash ? duplicateRowKey(hash, c.authorId) : null;
}

const FINGERPRINT_SQL = counterUpsert('$1', '$2');

/**
 * DUPLICATE_CONTENT when the author already published the same text within the window.
 * The fingerprint is a row of the shared rate_limits table (max 1 per window), written in the
 * caller's transaction: a concurrent twin waits on the row and is refused, a rolled-back post
 * leaves no trace. The key ends with the user, so account deletion clears it with the counters.
 */
export async function assertNotDuplicate(db: DbOrTx, c: Contribution): Promise<void> {
  const key = fingerprintKey(c);
  if (!key) return;
  // Named: planned once per connection (runs with every post).
  const rows = await namedText<{ count: number }>(db, 'duplicate-fingerprint', FINGERPRINT_SQL, [key, TRUST.duplicateWindowSeconds]);
  if (Number(rows[0]!.count) > 1) throw new AppError('DUPLICATE_CONTENT');
}

/** What a write's guard found, read back from the write's own statement (`WriteGuard`). */
export interface GuardRow {
  rate_count: number;
  retry: number;
  copies: number | null;
  suspended_until: string | null;
}

/**
 * What a new post or comment must pass, run inside the statement that writes it (the frequent writes: each round
 * trip counts). `ctes` define `write_guard`, one row of what was found and whether it `passed`, on which the caller's
 * write must depend; the statement returns that row's columns and `assert` refuses in this order: the author's rate
 * limit, a suspension from the community, too many links from a new account, a duplicate. The counts are made
 * whatever the outcome, and the caller's rollback undoes them.
 */
export interface WriteGuard {
  ctes: SQL;
  assert(tx: DbOrTx, row: GuardRow): Promise<void>;
}

function writeGuard(rate: RateHit, c: Contribution, suspension: SQL): WriteGuard {
  return {
    ctes: sql`guard_rate AS (${counterUpsertSql(rate.key, rate.windowSeconds)}),
    guard_fingerprint AS (${counterUpsertSql(fingerprintKey(c), TRUST.duplicateWindowSeconds)}),
    guard_found AS (
      SELECT (SELECT count FROM guard_rate) AS rate_count, (SELECT retry FROM guard_rate) AS retry,
             (SELECT count FROM guard_fingerprint) AS copies, (${suspension}) AS suspended_until),
    write_guard AS (
      SELECT g.*, g.rate_count <= ${rate.max}::float8 AND coalesce(g.copies, 0) <= 1 AND g.suspended_until IS NULL AS passed
        FROM guard_found g)`,
    async assert(tx, row) {
      assertUnderLimit(rate, row.rate_count, row.retry);
      if (row.suspended_until) throw suspendedError(new Date(row.suspended_until));
      await assertLinksAllowed(tx, c.authorId, c.body);
      if (Number(row.copies ?? 0) > 1) throw new AppError('DUPLICATE_CONTENT');
    },
  };
}

/** A new comment's guard: its author's comment budget, not suspended from the post's community, not a duplicate. */
export function commentGuard(rate: RateHit, c: Extract<Contribution, { kind: 'comment' }>): WriteGuard {
  return writeGuard(rate, c, sql`
    SELECT s.until FROM posts p JOIN community_suspensions s ON s.community_id = p.community_id AND s.user_id = ${c.authorId}
     WHERE p.id = ${c.postId} AND s.until > now()`);
}

/** A new post's guard (generic route): its author's post budget, not a duplicate; the insert checks the suspension. */
export function postGuard(rate: RateHit, c: Extract<Contribution, { kind: 'post' }>): WriteGuard {
  return writeGuard(rate, c, sql`SELECT NULL::timestamptz`);
}

/** Everything a new post or comment must pass, inside the transaction that writes it. */
export async function assertContributionAllowed(db: DbOrTx, c: Contribution): Promise<void> {
  await assertLinksAllowed(db, c.authorId, c.body);
  await assertNotDuplicate(db, c);
}

function duplicateRowKey(hash: string, authorId: number): string {
  return `duplicate-${hash}:u${authorId}`;
}

/**
 * An edit by its author passes the limits a new contribution passes: the link limit of new accounts
 * on the new text, and no text the author already published elsewhere. The edited item's own previous
 * fingerprint is released first, so that fixing a typo, or going back to the first wording, is never a
 * duplicate of itself; the new fingerprint then stands for the item.
 */
export async function assertEditAllowed(db: DbOrTx, before: Contribution, after: Contribution): Promise<void> {
  await assertLinksAllowed(db, after.authorId, after.body);
  const previous = duplicateKey(before);
  if (previous === duplicateKey(after)) return;
  if (previous) await db.execute(sql`DELETE FROM rate_limits WHERE key = ${duplicateRowKey(previous, before.authorId)}`);
  await assertNotDuplicate(db, after);
}

/** NEW_ACCOUNT_NO_ATTACHMENTS during an account's first day (staff aside). */
export async function assertMayUpload(db: DbOrTx, userId: number): Promise<void> {
  const { rows } = await db.execute<{ young: boolean }>(sql`
    SELECT u.created_at > now() - make_interval(hours => ${TRUST.newAccountHours}) AND NOT ${trustedSql} AS young
      FROM users u WHERE u.id = ${userId}`);
  if (rows[0]?.young) throw new AppError('NEW_ACCOUNT_NO_ATTACHMENTS');
}
