/** Methods that change nothing (RFC 9110): no CSRF token, no write marks, readable from a replica. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method);

/** A write of the API that succeeded: what a person's next reads must reflect (replicas, shared caches). */
export const isSuccessfulApiWrite = (method: string, url: string, status: number): boolean =>
  !isSafeMethod(method) && status < 400 && url.startsWith('/api/');
