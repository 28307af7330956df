import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { securityEvents } from '../../db/schema/index.js';
import { isoText, toIso, type PgKeyset } from '../../lib/cursor.js';
import type { App } from '../../types.js';

export type SecurityEventKind = 'oidc-callback-refused';

/**
 * Writes the audit row of a refused ProConnect callback, beside the log line. Its own statement, outside any
 * transaction: the refusal rolls back whatever the sign-in had started, the trace must stay. A failure to
 * write it is logged, never shown in place of the person's error page.
 */
export async function recordSecurityEvent(app: App, kind: SecurityEventKind, code: string): Promise<void> {
  try {
    await app.db.insert(securityEvents).values({ kind, code });
  } catch (err) {
    app.log.error({ err, kind, code }, 'security event not recorded');
  }
}

interface EventRow extends Record<string, unknown> { id: number; created_at: string; kind: string; code: string }

/** Newest first, by keyset on the (created_at, id) index. */
export async function listSecurityEvents(db: DbOrTx, cursor: PgKeyset | undefined, limit: number): Promise<EventRow[]> {
  const before = cursor ? sql`WHERE (created_at, id) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)` : sql``;
  const { rows } = await db.execute<EventRow>(sql`
    SELECT id, ${isoText('created_at')} AS created_at, kind, code FROM security_events ${before}
     ORDER BY created_at DESC, id DESC LIMIT ${limit + 1}`);
  return rows;
}

export function presentSecurityEvent(row: EventRow) {
  return { id: row.id, createdAt: toIso(row.created_at), kind: row.kind, code: row.code };
}
