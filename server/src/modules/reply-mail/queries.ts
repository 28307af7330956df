import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

export type ReplyAuthorRow = {
  id: number; email: string; first_name: string; last_name: string; national_role: 'admin' | null;
  verified: boolean; banned: boolean; deleted: boolean;
};

/** The person a reply address names, with what decides whether they may still write. */
export async function loadUser(db: Db, id: number): Promise<ReplyAuthorRow | undefined> {
  const { rows } = await db.execute<ReplyAuthorRow>(sql`
    SELECT id, email, first_name, last_name, national_role, email_verified_at IS NOT NULL AS verified,
           banned_at IS NOT NULL AS banned, deleted_at IS NOT NULL AS deleted
      FROM users WHERE id = ${id}`);
  return rows[0];
}
