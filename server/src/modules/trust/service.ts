import { sql } from 'drizzle-orm';
import { named } from '../../lib/named-query.js';
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

/**
 * DUPLICATE_CONTENT when the author already published the same text within the window.
 * The fingerprint is a row of the shared rate_limits table (max 1 per window), written in the
 * caller's transaction: a concurrent twin waits on the row and is refused, a rolled-back post
 * leaves no trace. The key ends with the user, so account deletion clears it with the counters.
 */
export async function assertNotDuplicate(db: DbOrTx, c: Contribution): Promise<void> {
  const hash = duplicateKey(c);
  if (!hash) return;
  // Named: planned once per connection (runs with every post and comment).
  const rows = await named<{ count: number }>(db, 'duplicate-fingerprint', sql`
    INSERT INTO rate_limits (key, count, reset_at)
    VALUES (${duplicateRowKey(hash, c.authorId)}, 1, now() + make_interval(secs => ${TRUST.duplicateWindowSeconds}))
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.reset_at <= now() THEN 1 ELSE rate_limits.count + 1 END,
      reset_at = CASE WHEN rate_limits.reset_at <= now() THEN EXCLUDED.reset_at ELSE rate_limits.reset_at END
    RETURNING count`);
  if (Number(rows[0]!.count) > 1) throw new AppError('DUPLICATE_CONTENT');
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
