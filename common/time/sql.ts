import { sql } from 'drizzle-orm';
import { PARIS_SQL } from './zone.js';

/**
 * The zone for Drizzle `sql` templates, inlined as a literal: `sql\`date_trunc('week', at AT TIME ZONE ${parisZoneSql})\``.
 * (A plain string interpolated there would become a bound parameter, and `GROUP BY` would no longer match the
 * `SELECT` expression.) Server only: the web client must not import drizzle-orm.
 */
export const parisZoneSql = sql.raw(PARIS_SQL);
