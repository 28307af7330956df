import { AppError } from '../../lib/errors.js';
import type { HitKey } from './queries.js';

/**
 * Opaque cursor of a search page: which window (the upper time bound of its candidates, null for the
 * newest one) and, within it, the last hit served (score, type, id), if any.
 */
export interface SearchCursor {
  before: string | null;
  after: HitKey | null;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export function encodeSearchCursor(c: SearchCursor): string {
  return Buffer.from(JSON.stringify([c.before, c.after ? [c.after.score, c.after.t, c.after.id] : null])).toString('base64url');
}

function validKey(value: unknown): value is [number, 0 | 1, number] {
  if (!Array.isArray(value) || value.length !== 3) return false;
  const [score, t, id] = value as unknown[];
  return typeof score === 'number' && Number.isFinite(score) && (t === 0 || t === 1)
    && typeof id === 'number' && Number.isSafeInteger(id) && id >= 1;
}

export function decodeSearchCursor(cursor: string | undefined): SearchCursor {
  if (!cursor) return { before: null, after: null };
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    throw new AppError('INVALID_CURSOR');
  }
  if (!Array.isArray(value) || value.length !== 2) throw new AppError('INVALID_CURSOR');
  const [before, after] = value as unknown[];
  const beforeOk = before === null || (typeof before === 'string' && ISO_UTC.test(before) && !Number.isNaN(Date.parse(before)));
  if (!beforeOk || (after !== null && !validKey(after))) throw new AppError('INVALID_CURSOR');
  return { before: before as string | null, after: after === null ? null : { score: after[0], t: after[1], id: after[2] } };
}
