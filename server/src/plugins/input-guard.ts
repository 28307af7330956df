import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import type { App } from '../types.js';

/**
 * Two rules every route's input obeys, applied once here rather than in each schema:
 *
 * - No string holds a NUL character or a lone UTF-16 surrogate. PostgreSQL text cannot store U+0000 and answers
 *   with an error (a 500 for the client); a lone surrogate ("\udfff" in JSON) is no character at all, and broke
 *   further down (an invitation's mail: found by the API fuzz test). Both are refused before validation with
 *   INVALID_CHARACTERS, wherever they hide: path parameters, query string, JSON body at any depth, object keys.
 *   Multipart text fields, which never reach `request.body`, go through `refuseNul`.
 * - No number is infinite or NaN. Ajv coerces "1e309" to Infinity and, with its default
 *   `strictNumbers`, skips `minimum`/`maximum` on that coerced value: an id or a limit could reach
 *   PostgreSQL as "Infinity". Checked after validation (so after coercion) with VALIDATION_FAILED.
 */

type Found = { path: string } | null;

/** Depth-first over parsed input without recursion, so a deeply nested body cannot overflow the stack. */
function findIn(root: unknown, bad: (v: unknown) => boolean, rootPath: string): Found {
  const stack: Array<[unknown, string]> = [[root, rootPath]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (bad(value)) return { path };
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, `${path}.${i}`]));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (bad(key)) return { path };
      stack.push([item, path ? `${path}.${key}` : key]);
    }
  }
  return null;
}

/** True for a string PostgreSQL cannot store (it holds U+0000); decoders of opaque cursors use it too. */
export const hasNul = (v: unknown): boolean => typeof v === 'string' && v.includes('\u0000');
/** In Unicode mode a surrogate pair is one code point: only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Cs}/u;
const broken = (v: unknown): boolean => hasNul(v) || (typeof v === 'string' && LONE_SURROGATE.test(v));
const notFinite = (v: unknown) => typeof v === 'number' && !Number.isFinite(v);

/** The parts of a request a handler reads; headers and cookies are refused by Node's parser itself. */
function parts(request: FastifyRequest): Array<[unknown, string]> {
  return [[request.params, ''], [request.query, ''], [request.body, '']];
}

/** Throws INVALID_CHARACTERS when any string in `value` (a field, an object, a list) holds a NUL or a lone surrogate. */
export function refuseNul(value: unknown, field = ''): void {
  const found = findIn(value, broken, field);
  if (found) throw new AppError('INVALID_CHARACTERS', undefined, found.path ? { [found.path]: 'Caractère nul ou invalide non autorisé.' } : undefined);
}

export default fp(async function inputGuard(app: App) {
  app.addHook('preValidation', async (request) => {
    for (const [value, path] of parts(request)) refuseNul(value, path);
  });
  app.addHook('preHandler', async (request) => {
    for (const [value, path] of parts(request)) {
      const found = findIn(value, notFinite, path);
      if (found) throw new AppError('VALIDATION_FAILED', undefined, { [found.path || 'body']: 'Valeur hors limites.' });
    }
  });
});
