import { sql, type SQL } from 'drizzle-orm';
import { PARIS_TIME_ZONE } from '../../../../common/time/index.js';
import { AppError } from '../../lib/errors.js';

/** The community's clock: every wall-clock time people enter or read is in this zone. */
export const ZONE = PARIS_TIME_ZONE;

const PARTS = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/;

/** Rejects dates the pattern lets through but the calendar does not have (Feb 30, month 13, year 0). */
function assertRealDate(value: string, field: string): void {
  const m = PARTS.exec(value);
  const [y, mo, d, h = '0', mi = '0'] = m ? m.slice(1).map((p) => p ?? undefined) : [];
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)));
  const ok = m && Number(y) >= 2000 && Number(y) <= 2100 && Number(h) < 24 && Number(mi) < 60
    && date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d);
  if (!ok) throw new AppError('VALIDATION_FAILED', undefined, { [field]: 'Date invalide.' });
}

/**
 * SQL for an instant given either as Paris wall-clock time ("2027-03-01T09:00") or with an offset.
 * PostgreSQL applies the zone's rules, so 9:00 stays 9:00 on both sides of a daylight-saving change.
 */
export function instantSql(value: string, field = 'plannedAt'): SQL {
  assertRealDate(value, field);
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/.test(value);
  return hasOffset ? sql`${value}::timestamptz` : sql`(${value}::timestamp AT TIME ZONE ${ZONE})`;
}

/** A real calendar day "YYYY-MM-DD" (the route schema checks only its shape). */
export function assertDay(value: string | undefined, field: string): void {
  if (value !== undefined) assertRealDate(value, field);
}

/** Validates a [from, to] day range (both inclusive) of at most `maxDays`. */
export function assertDayRange(from: string, to: string, maxDays = 92): void {
  assertRealDate(from, 'from');
  assertRealDate(to, 'to');
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (days < 0 || days >= maxDays) throw new AppError('CALENDAR_RANGE_INVALID');
}

/** Paris wall-clock text of a timestamptz column, "YYYY-MM-DDTHH:MM". */
export function localText(column: string): SQL {
  return sql.raw(`to_char(${column} AT TIME ZONE '${ZONE}', 'YYYY-MM-DD"T"HH24:MI')`);
}

/**
 * A timestamptz as read through Drizzle's raw `execute` ("2030-03-04 08:00:00.123456+00", a string)
 * or through pg directly (a Date), as a Date.
 */
export function asDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
}
