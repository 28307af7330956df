/**
 * The time module: Paris wall clock <-> UTC, « today / this month in Paris », day and month arithmetic, French
 * public holidays and working days, and the answer-deadline rule of questions. Used by the server, the web client,
 * the seeds, the benchmarks and the tests; the zone's name appears nowhere else.
 * SQL fragments for Drizzle templates are in `./sql.ts` (server only: it imports drizzle-orm).
 */
export * from './zone.js';
export * from './calendar.js';
export * from './paris.js';
export * from './holidays.js';
export * from './deadline.js';
