import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { FlagReasonOut } from '../../../../common/api/moderation.js';

/** Reads of the flag reasons (the queue's and the audit log's are in queue-queries.ts and audit.ts). */

export const REASON_COLUMNS = sql`code, label, description, article, active, position`;

export type ReasonRow = FlagReasonOut & { id: number };

/** The reason as the API shows it: the numeric id only serves the audit log. */
export function publicReason(row: ReasonRow): FlagReasonOut {
  return { code: row.code, label: row.label, description: row.description, article: row.article, active: row.active, position: row.position };
}

export async function listReasons(db: DbOrTx, all: boolean): Promise<FlagReasonOut[]> {
  const { rows } = await db.execute<FlagReasonOut>(sql`
    SELECT ${REASON_COLUMNS} FROM flag_reasons ${all ? sql`` : sql`WHERE active`} ORDER BY position, code`);
  return rows;
}

export async function findReason(db: DbOrTx, code: string): Promise<FlagReasonOut | undefined> {
  const { rows } = await db.execute<FlagReasonOut>(sql`SELECT ${REASON_COLUMNS} FROM flag_reasons WHERE code = ${code}`);
  return rows[0];
}
