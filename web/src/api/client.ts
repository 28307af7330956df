import { ERRORS, type ErrorCode } from '../../../common/errors';

/** An API error with its stable code and the French message a person reads. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
// Whether the session was read yet: a page that writes on load (the e-mail confirmation link) would otherwise
// send the session cookie without its CSRF token and be refused.
let csrfKnown = false;

/** Remembers the session's CSRF token; every write echoes it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  csrfKnown = true;
}

async function ensureCsrfToken(): Promise<void> {
  if (csrfKnown) return;
  try {
    const response = await fetch('/api/session', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    const session = (await response.json()) as { csrfToken?: string | null };
    if (response.ok && !csrfKnown) setCsrfToken(session.csrfToken ?? null);
  } catch {
    // the write itself will report the network error
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Asks the person to prove who they are again; resolves true once done, false if they gave up. */
type ReauthHandler = () => Promise<boolean>;
let reauthHandler: ReauthHandler | null = null;

/**
 * Sensitive actions answer REAUTH_REQUIRED when the session's last proof of identity is too old: the handler
 * (components/ReauthDialog) asks for the password, then the same request is sent again, once.
 */
export function setReauthHandler(handler: ReauthHandler | null): void {
  reauthHandler = handler;
}

async function request<T>(method: Method, path: string, body?: unknown, idempotencyKey?: string, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') await ensureCsrfToken();
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.');
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = toApiError(response.status, data);
    if (error.code === 'REAUTH_REQUIRED' && reauthHandler && !retried && (await reauthHandler())) {
      return request<T>(method, path, body, idempotencyKey, true);
    }
    throw error;
  }
  return data as T;
}

function toApiError(status: number, data: unknown): ApiError {
  const body = (data ?? {}) as { code?: string; message?: string; fields?: Record<string, string> };
  const code = body.code ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
  const known = ERRORS[code as ErrorCode]?.message;
  const message = body.message ?? known ?? ERRORS.INTERNAL.message;
  return new ApiError(status, code, message, body.fields ?? {});
}

/**
 * A multipart upload (files), with its progress. XMLHttpRequest rather than fetch: only it reports how much of the
 * body was sent. A 413 from a proxy in front of the server has no JSON body: it still reads as FILE_TOO_LARGE.
 */
export async function upload<T>(path: string, data: FormData, onProgress?: (fraction: number) => void): Promise<T> {
  await ensureCsrfToken();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    if (onProgress) xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(toApiError(xhr.status, body ?? (xhr.status === 413 ? { code: 'FILE_TOO_LARGE' } : null)));
    };
    xhr.send(data);
  });
}

/**
 * A small write sent while the page is being closed (a draft's last keystrokes): `keepalive` lets the browser
 * finish it after the page is gone, with the session's CSRF token, which `navigator.sendBeacon` cannot carry.
 * Returns false when it could not be sent that way (no token yet, body over the browser's 64 KB keepalive budget).
 */
export function sendOnLeave(method: 'PUT' | 'DELETE', path: string, body?: unknown): boolean {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (!csrfToken || (payload && new Blob([payload]).size > 60_000)) return false;
  const headers: Record<string, string> = { accept: 'application/json', 'x-csrf-token': csrfToken };
  if (payload) headers['content-type'] = 'application/json';
  void fetch(`/api${path}`, { method, headers, body: payload, credentials: 'same-origin', keepalive: true }).catch(() => undefined);
  return true;
}

/** Builds a query string, skipping empty values. */
export function qs(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** Keys of submissions still without a definite answer, by what was sent: sending it again reuses the key. */
const pendingKeys = new Map<string, string>();

function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts (https, localhost); a deployment on plain http falls back.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** No answer, or one that says nothing about the write: the same request may be sent again. */
function worthRetrying(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 0 || err.status === 502 || err.status === 503 || err.status === 504 || err.code === 'IDEMPOTENCY_IN_PROGRESS');
}

const RETRY_DELAYS_MS = [1_000, 3_000];

/**
 * A creation (post, comment, message, vote) that must not happen twice. It carries an Idempotency-Key: when
 * the answer is lost (network cut, server restarting), the request is sent again with the same key, here
 * and when the person submits the same thing again, and the server answers with the first result instead
 * of writing a second time. The key is dropped once an answer is definite.
 */
async function createOnce<T>(path: string, body: unknown): Promise<T> {
  const submission = `${path} ${JSON.stringify(body)}`;
  let key = pendingKeys.get(submission);
  if (!key) pendingKeys.set(submission, (key = newIdempotencyKey()));
  for (let attempt = 0; ; attempt += 1) {
    try {
      const result = await request<T>('POST', path, body, key);
      pendingKeys.delete(submission);
      return result;
    } catch (err) {
      if (!worthRetrying(err)) pendingKeys.delete(submission);
      const delay = RETRY_DELAYS_MS[attempt];
      if (!worthRetrying(err) || delay === undefined) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export const api = {
  /** POST with an Idempotency-Key, retried on a lost answer: see createOnce. */
  create: <T>(path: string, body: unknown) => createOnce<T>(path, body),
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};
