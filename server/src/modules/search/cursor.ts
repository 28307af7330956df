import { AppError } from '../../lib/errors.js';
import type { HitKey } from './queries.js';

/** Opaque cursor of a search page: the last hit's score, type and id. */
export function encodeHitCursor(k: HitKey): string {
  return Buffer.from(JSON.stringify([k.score, k.t, k.id])).toString('base64url');
}

export function decodeHitCursor(cursor: string | undefined): HitKey | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    throw new AppError('INVALID_CURSOR');
  }
  if (!Array.isArray(value) || value.length !== 3) throw new AppError('INVALID_CURSOR');
  const [score, t, id] = value as unknown[];
  if (typeof score !== 'number' || !Number.isFinite(score) || (t !== 0 && t !== 1)
    || typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
    throw new AppError('INVALID_CURSOR');
  }
  return { score, t, id };
}
