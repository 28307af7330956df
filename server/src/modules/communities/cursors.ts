import { AppError } from '../../lib/errors.js';
import { hasNul } from '../../plugins/input-guard.js';

/**
 * The directory's keyset cursor on (name, id), opaque to clients.
 * Time-ordered lists use lib/cursor.ts.
 */

export function encodeNameCursor(name: string, id: number): string {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}

export function decodeNameCursor(cursor: string | undefined): { name: string; id: number } | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(value) && typeof value[0] === 'string' && !hasNul(value[0]) && Number.isSafeInteger(value[1]) && value[1] > 0) {
      return { name: value[0], id: value[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw new AppError('INVALID_CURSOR');
}
