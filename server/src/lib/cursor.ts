import { sql, type SQL } from 'drizzle-orm';
import { AppError } from './errors.js';

/**
 * Keyset cursors at PostgreSQL's microsecond precision.
 * A JavaScript Date keeps only milliseconds: rows created within the same millisecond
 * would be skipped or repeated across pages, so the timestamp travels as PostgreSQL's own text.
 */
export interface PgKeyset {
  at: string;
  id: number;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A timestamptz column as a lossless UTC ISO string. */
export function isoText(column: string): SQL {
  return sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);
}

export function encodeKeyset(k: PgKeyset): string {
  return Buffer.from(`${k.at}|${k.id}`).toString('base64url');
}

export function decodeKeyset(cursor: string | undefined): PgKeyset | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const n = Number(id);
  // The round trip rejects dates JavaScript silently shifts (Feb 30) but PostgreSQL would refuse.
  const valid = at !== undefined && ISO_UTC.test(at) && !Number.isNaN(new Date(at).getTime())
    && new Date(at).toISOString().slice(0, 19) === at.slice(0, 19);
  if (!valid || !Number.isSafeInteger(n) || n < 1) {
    throw new AppError('INVALID_CURSOR');
  }
  return { at, id: n };
}

/** Given limit+1 rows (keyed by a lossless `created_at` text and `id`), the page and the cursor of the next one. */
export function keysetPage<T extends { created_at: string; id: number }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeKeyset({ at: last.created_at, id: last.id }) : null };
}

/** Millisecond ISO for clients, from the lossless text. */
export function toIso(text: string): string;
export function toIso(text: string | null): string | null;
export function toIso(text: string | null): string | null {
  return text === null ? null : new Date(text).toISOString();
}
