import { AppError } from '../../lib/errors.js';

/**
 * Keyset cursors of this module, opaque to clients.
 * The directory pages on (name, id); the members list on (joined_at in microseconds, user id):
 * microseconds because a JS Date would round PostgreSQL's timestamps and repeat rows across pages.
 */

export function encodeNameCursor(name: string, id: number): string {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}

export function decodeNameCursor(cursor: string | undefined): { name: string; id: number } | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(value) && typeof value[0] === 'string' && Number.isSafeInteger(value[1]) && value[1] > 0) {
      return { name: value[0], id: value[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw new AppError('INVALID_CURSOR');
}

export function encodeMicrosCursor(micros: string, id: number): string {
  return Buffer.from(`${micros}|${id}`).toString('base64url');
}

export function decodeMicrosCursor(cursor: string | undefined): { micros: string; id: number } | undefined {
  if (!cursor) return undefined;
  const [micros, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const n = Number(id);
  if (!micros || !/^-?\d{1,20}$/.test(micros) || !Number.isSafeInteger(n) || n < 1) throw new AppError('INVALID_CURSOR');
  return { micros, id: n };
}
