import { sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../lib/errors.js';
import { parisZoneSql } from '../../../../common/time/sql.js';

/**
 * Duty weeks are ISO weeks in Europe/Paris, named by their Monday ("2027-03-01").
 * `at` defaults to the database clock; jobs pass their own `now` so a run is reproducible.
 */
export function dutyWeekSql(at?: Date): SQL {
  return at
    ? sql`(date_trunc('week', ${at.toISOString()}::timestamptz AT TIME ZONE ${parisZoneSql}))::date`
    : sql`(date_trunc('week', now() AT TIME ZONE ${parisZoneSql}))::date`;
}

/** The Monday of `day`'s ISO week, both as "YYYY-MM-DD". */
export function mondayOf(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  const iso = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - iso * 86_400_000).toISOString().slice(0, 10);
}

export function addWeeks(monday: string, n: number): string {
  return new Date(Date.parse(`${monday}T12:00:00Z`) + n * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** A real date that is a Monday, or a French 400. */
export function assertMonday(day: string, field = 'week'): void {
  const d = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) {
    throw new AppError('VALIDATION_FAILED', undefined, { [field]: 'Date invalide.' });
  }
  if (d.getUTCDay() !== 1) throw new AppError('VALIDATION_FAILED', 'Une semaine d’astreinte se désigne par son lundi.', { [field]: 'Choisissez un lundi.' });
}
