/**
 * The platform's one clock. Every wall-clock time a person enters or reads — in a form, an e-mail, a PDF, a
 * report's month, a cron schedule — is in this zone, and this folder is the only place that names it
 * (a lint rule of `eslint.config.js` forbids the literal elsewhere).
 */
export const PARIS_TIME_ZONE = 'Europe/Paris';

/** Short alias kept for the callers that format with `Intl` (`{ timeZone: PARIS }`). */
export const PARIS = PARIS_TIME_ZONE;

/**
 * The zone as an SQL string literal, for raw SQL text: `col AT TIME ZONE ${PARIS_SQL}` or
 * `(now() AT TIME ZONE ${PARIS_SQL})::date`. It is inlined (not a bound parameter) so that the same expression
 * in SELECT and GROUP BY stays identical and expression indexes still match. Drizzle `sql` templates use
 * `parisZoneSql` from `./sql.ts` instead (interpolating this string there would bind it as a parameter).
 */
export const PARIS_SQL = `'${PARIS_TIME_ZONE}'`;

/** An `Intl.DateTimeFormat` that shows instants on the Paris wall clock. */
export function parisFormat(locale: string, options: Omit<Intl.DateTimeFormatOptions, 'timeZone'> = {}): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: PARIS_TIME_ZONE });
}
