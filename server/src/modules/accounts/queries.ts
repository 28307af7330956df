import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import type { MembershipView } from './presenters.js';

/**
 * An account awaits activation when an import (member-import) created it (imported_at) and nobody has proved the
 * mailbox yet: the activation link, a password reset or ProConnect set email_verified_at. Sign-in, password reset
 * and ProConnect linking all read it.
 */
export const awaitingActivation = sql`(${users.importedAt} IS NOT NULL AND ${users.emailVerifiedAt} IS NULL)`;

/** A member's communities, by name; drafts only when the viewer may see them. One indexed query. */
export async function loadMemberships(db: DbOrTx, userId: number, includeDrafts: boolean): Promise<MembershipView[]> {
  const { rows } = await db.execute<{ id: number; slug: string; name: string; role: MembershipView['role'] }>(sql`
    SELECT c.id, c.slug, c.name, m.role
      FROM memberships m JOIN communities c ON c.id = m.community_id
     WHERE m.user_id = ${userId} AND (${includeDrafts} OR c.status <> 'draft')
     ORDER BY c.name, c.id`);
  return rows.map((r) => ({ community: { id: Number(r.id), slug: r.slug, name: r.name }, role: r.role }));
}

export interface UserHitRow {
  id: number; firstName: string; lastName: string; employer: string; job: string;
}

/**
 * Accent- and case-insensitive name search served by the users_name_trgm index:
 * trigram similarity catches typos and word order, LIKE catches short fragments.
 * name_key is the indexed stored column (lowercase, unaccented "first last").
 */
export async function searchUsersByName(db: DbOrTx, q: string, limit: number): Promise<UserHitRow[]> {
  const needle = q.trim().toLowerCase();
  const like = needle.replace(/[\\%_]/g, (c) => `\\${c}`);
  const name = sql`name_key`;
  const { rows } = await db.execute<{ id: number; first_name: string; last_name: string; employer: string; job: string }>(sql`
    SELECT id, first_name, last_name,
           -- Only what the member shows (directory settings; hidden when they never chose).
           CASE WHEN s.show_employer THEN employer ELSE '' END AS employer,
           CASE WHEN s.show_job THEN job ELSE '' END AS job
      FROM users LEFT JOIN member_settings s ON s.user_id = users.id
     WHERE deleted_at IS NULL
       AND (${name} % immutable_unaccent(${needle}) OR ${name} LIKE '%' || immutable_unaccent(${like}) || '%')
     ORDER BY similarity(${name}, immutable_unaccent(${needle})) DESC, users.id
     LIMIT ${limit}`);
  return rows.map((r) => ({ id: Number(r.id), firstName: r.first_name, lastName: r.last_name, employer: r.employer, job: r.job }));
}
