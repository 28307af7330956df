import { fillPath, type Operation } from './operations.js';
import { validPathParams, validQuery, withPoolIds } from './params.js';
import { HOSTILE_STRINGS, hostileValue, type Rng, validValue, WRONG_TYPES } from './values.js';
import { ROLES, type Role, type World } from './world.js';

/** One generated request: everything needed to replay it. */
export interface FuzzRequest {
  op: string;
  role: Role;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** A raw string body (sent as is) or undefined. */
  payload?: string;
  /** What was done to the request, for the report. */
  mutation: string;
}

/** Raw path segments sent without encoding: traversal, NUL, overlong UTF-8, numbers JavaScript reads oddly. */
const HOSTILE_SEGMENTS = [
  '%00', 'a%00b', '%2e%2e', '..', '%2e%2e%2f%2e%2e%2fetc', '%ZZ', '%', '0', '-1', '1e309', '1e3', '00001', '1.0', '0x10', '%201',
  '9007199254740993', '99999999999999999999', 'a'.repeat(5000), '%F0%9F%98%80', '%C0%AE%C0%AE', '%FF%FE', '%E2%80%AE', 'null',
  'undefined', '__proto__', 'constructor', '%3Cscript%3E', "'%20OR%201=1", '%0d%0aX-Injected:%201', '~', '.', '%2F',
];

/** Spellings the validator reads as a small positive id: kept out when the database is shared with other tests. */
const coercesToId = (segment: string) => {
  let text = segment;
  try { text = decodeURIComponent(segment); } catch { /* stays raw: not a number either way */ }
  const n = Number(text);
  return Number.isFinite(n) && n >= 1 && n < 1e6;
};

const MALFORMED_JSON = ['{', '{"a":', '[1,2', '{"a":1}}', 'nul', '\u0000', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}',
  '['.repeat(5000) + ']'.repeat(5000), '{"a":"\\ud800"}', '"texte"', '12', 'true', 'null', '{"a":1,"a":2}', '\ufeff{}', '{"body":"' + 'x'.repeat(2_000_000) + '"}'];

const ODD_CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=x',
  'application/json; charset=utf-16', 'application/xml', 'application/json\u0001', '*/*', 'application/vnd.api+json', ';;;', 'application/json; charset=latin1'];

/** Mutations a request can get; 'valid' sends a schema-valid request to reach deep code. */
const MUTATIONS = ['valid', 'valid', 'valid', 'field', 'field', 'field', 'missing', 'extra', 'wrongBody', 'malformed', 'contentType',
  'segment', 'segment', 'query', 'query', 'csrf', 'cookie', 'origin', 'method'] as const;

/**
 * Network-wide switches a valid request may not flip on a database other test files use at the same time: a
 * campaign paused by the fuzzer stays paused for the rest of the run (the welcome tests then fail).
 */
const SHARED_SWITCHES: Record<string, Record<string, unknown>> = {
  'PUT /api/national/import-welcome/paused': { paused: false },
};

function validBody(op: Operation, world: World, rng: Rng, sharedDb: boolean): Record<string, unknown> | undefined {
  if (!op.body) return undefined;
  const body = withPoolIds(validValue(op.body, rng), op.body, world, rng) as Record<string, unknown>;
  return sharedDb && SHARED_SWITCHES[op.key] ? { ...body, ...SHARED_SWITCHES[op.key] } : body;
}

/** encodeURIComponent that also sends lone surrogates, as the raw (invalid) UTF-8 bytes a client could send. */
function enc(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text].map((ch) => { try { return encodeURIComponent(ch); } catch { return '%ED%A0%80'; } }).join('');
  }
}

function queryString(q: Record<string, string>): string {
  const s = new URLSearchParams(q).toString();
  return s ? `?${s}` : '';
}

/** One request for the operation, valid or broken in one chosen way. */
export function generate(
  op: Operation, world: World, rng: Rng, headersFor: (role: Role) => Record<string, string>, sharedDb: boolean,
): FuzzRequest {
  const role = rng.pick(ROLES);
  const headers: Record<string, string> = { ...headersFor(role) };
  const params = validPathParams(op, world, rng);
  const query = validQuery(op, world, rng);
  let body: unknown = validBody(op, world, rng, sharedDb);
  let raw: string | undefined;
  let rawPath = false;
  let method = op.method;
  let suffix = '';
  const mutation = rng.pick(MUTATIONS);
  switch (mutation) {
    case 'field': {
      if (body && typeof body === 'object' && op.body?.properties) {
        const key = rng.pick(Object.keys(op.body.properties));
        (body as Record<string, unknown>)[key] = hostileValue(op.body.properties[key], rng);
      } else if (op.query.length) {
        const q = rng.pick(op.query);
        query[q.name] = String(rng.pick(HOSTILE_STRINGS));
      }
      break;
    }
    case 'missing': if (body && typeof body === 'object' && op.body?.required?.length) delete (body as Record<string, unknown>)[rng.pick(op.body.required as string[])]; break;
    case 'extra': if (body && typeof body === 'object') Object.assign(body, { extra: 'x', isAdmin: true, nationalRole: 'admin', role: 'coordinator' }); else body = { extra: 1 }; break;
    case 'wrongBody': body = rng.pick(WRONG_TYPES); break;
    case 'malformed': raw = rng.pick(MALFORMED_JSON); break;
    case 'contentType': headers['content-type'] = rng.pick(ODD_CONTENT_TYPES); raw = rng.chance(0.5) ? 'a=b&c=%00' : JSON.stringify(body ?? {}); break;
    case 'segment': {
      if (op.pathParams.length) {
        params[rng.pick(op.pathParams).name] = rng.pick(sharedDb ? HOSTILE_SEGMENTS.filter((x) => !coercesToId(x)) : HOSTILE_SEGMENTS);
        rawPath = true;
      } else suffix = `/${rng.pick(HOSTILE_SEGMENTS)}`;
      break;
    }
    case 'query': {
      const name = op.query.length && rng.chance(0.8) ? rng.pick(op.query).name : rng.pick(['limit', 'cursor', 'q', 'from', 'to', 'x']);
      const value = String(rng.pick([...HOSTILE_STRINGS, '1e309', '-1', '0', '2147483648', 'eyJpZCI6LTF9', 'AAAA', '!!!']));
      suffix = `?${enc(name)}=${enc(value)}&${enc(name)}=0&${enc(name)}[]=3`;
      break;
    }
    case 'csrf': if (headers['x-csrf-token']) headers['x-csrf-token'] = rng.pick(['', 'x', headers['x-csrf-token'] + 'x', 'a'.repeat(5000)]); break;
    case 'cookie': headers.cookie = rng.pick(['ecom_sid=', 'ecom_sid=x', `ecom_sid=${'a'.repeat(4000)}`, 'ecom_sid=%00', 'ecom_sid=a; ecom_sid=b', '===;;;']); break;
    case 'origin': headers.origin = rng.pick(['null', 'http://[', 'http://evil.invalid', '://', 'file://', 'http://localhost:3000', '*']); break;
    case 'method': method = rng.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']); break;
  }
  if (raw === undefined && body !== undefined && !['GET', 'HEAD', 'OPTIONS'].includes(method)) raw = JSON.stringify(body);
  if (raw !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const url = mutation === 'query' ? fillPath(op.path, params, rawPath) + suffix : fillPath(op.path, params, rawPath) + suffix + queryString(query);
  return { op: op.key, role, method, url, headers, payload: ['GET', 'HEAD'].includes(method) ? undefined : raw, mutation };
}
