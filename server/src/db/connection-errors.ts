/**
 * Tells a lost or refused database connection (PostgreSQL restarting, stopped, unreachable) from a
 * real failure of a query. The first is temporary and says nothing about the request: the API answers
 * 503 and the process keeps running; the second is a bug or bad data.
 */

/** Socket-level failures reaching or talking to the server. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH',
  'EHOSTDOWN', 'ENETDOWN', 'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server going away or not accepting connections yet: 57P01 admin_shutdown (stop,
 * pg_terminate_backend), 57P02 crash_shutdown (another backend crashed), 57P03 cannot_connect_now
 * (starting up, recovering, shutting down), class 08 connection exceptions, 53300 too_many_connections.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);

/** node-postgres reports these without a code. */
const CLIENT_MESSAGES = [
  'Connection terminated',
  'connection timeout',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Cannot use a pool after calling end on the pool',
];

export function isConnectionError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || SERVER_CODES.has(e.code))) return true;
  if (typeof e.message === 'string' && CLIENT_MESSAGES.some((m) => (e.message as string).includes(m))) return true;
  // Drizzle wraps the driver's error in `cause`; a failed dual-stack connect is an AggregateError.
  if (Array.isArray(e.errors) && e.errors.some((x) => isConnectionError(x, depth + 1))) return true;
  return isConnectionError(e.cause, depth + 1);
}

/** The driver's own words (innermost cause), without the failed query Drizzle puts around them. */
export function connectionErrorSummary(err: unknown): string {
  let e = err as { message?: unknown; cause?: unknown } | undefined;
  for (let i = 0; i < 5 && e?.cause && typeof e.cause === 'object'; i += 1) e = e.cause as typeof e;
  return typeof e?.message === 'string' ? e.message : String(err);
}
