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

async function request<T>(method: Method, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
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
      return request<T>(method, path, body, true);
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

/** Builds a query string, skipping empty values. */
export function qs(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};
