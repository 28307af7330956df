import { AppError } from './errors.js';

/**
 * Keyset cursors: (timestamp, id) of the last item seen, opaque to clients.
 * Keyset pagination stays O(page) at any depth, unlike OFFSET.
 */
export interface Keyset {
  at: Date;
  id: number;
}

export function encodeCursor(k: Keyset): string {
  return Buffer.from(`${k.at.toISOString()}|${k.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  const n = Number(id);
  if (Number.isNaN(date.getTime()) || !Number.isSafeInteger(n) || n < 1) throw new AppError('INVALID_CURSOR');
  return { at: date, id: n };
}

/** Given limit+1 rows, returns the page and the cursor of the next one. */
export function pageOf<T>(rows: T[], limit: number, key: (row: T) => Keyset): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}
