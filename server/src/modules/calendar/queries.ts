import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { PlannableKindValue, PlannedPayloadValue } from '../../../../common/api/calendar.js';
import type { PostKind } from '../../../../common/api/shared.js';
import { localText, ZONE } from './time.js';

/** Reads of the editorial calendar. Every list is bounded by a date range and read off an index. */

export type PlannedRow = {
  id: number;
  community_id: number;
  kind: PlannableKindValue;
  title: string;
  body_md: string;
  payload: PlannedPayloadValue;
  planned_at: Date | string;
  planned_local: string;
  status: 'draft' | 'scheduled' | 'published' | 'cancelled';
  post_id: number | null;
  slot_id: number | null;
  author_id: number;
  first_name: string;
  last_name: string;
  created_at: Date | string;
  updated_at: Date | string;
}

export type SlotRow = {
  id: number;
  community_id: number;
  label: string;
  kind: PlannableKindValue;
  weekday: number;
  time_of_day: string;
  interval_weeks: number;
  starts_on: string;
  active: boolean;
}

/** Most items one calendar answer carries per list; a month of a busy community stays well under it. */
export const CALENDAR_CAP = 500;

const plannedSelect = sql`
  SELECT p.id, p.community_id, p.kind, p.title, p.body_md, p.payload, p.planned_at, ${localText('p.planned_at')} AS planned_local,
         p.status, p.post_id, p.slot_id, p.author_id, u.first_name, u.last_name, p.created_at, p.updated_at
    FROM planned_posts p JOIN users u ON u.id = p.author_id`;

export async function findPlanned(db: DbOrTx, id: number): Promise<PlannedRow | undefined> {
  const { rows } = await db.execute<PlannedRow>(sql`${plannedSelect} WHERE p.id = ${id}`);
  return rows[0];
}

export async function findSlot(db: DbOrTx, id: number): Promise<SlotRow | undefined> {
  const { rows } = await db.execute<SlotRow>(sql`
    SELECT id, community_id, label, kind, weekday, to_char(time_of_day, 'HH24:MI') AS time_of_day, interval_weeks,
           starts_on::text AS starts_on, active
      FROM editorial_slots WHERE id = ${id}`);
  return rows[0];
}

export async function listSlots(db: DbOrTx, communityId: number): Promise<SlotRow[]> {
  const { rows } = await db.execute<SlotRow>(sql`
    SELECT id, community_id, label, kind, weekday, to_char(time_of_day, 'HH24:MI') AS time_of_day, interval_weeks,
           starts_on::text AS starts_on, active
      FROM editorial_slots WHERE community_id = ${communityId} ORDER BY id LIMIT ${CALENDAR_CAP}`);
  return rows;
}

/** Start and end instants of a [from, to] range of Paris days, to inclusive. */
function bounds(from: string, to: string): { start: SQL; end: SQL } {
  return {
    start: sql`(${from}::date::timestamp AT TIME ZONE ${ZONE})`,
    end: sql`((${to}::date + 1)::timestamp AT TIME ZONE ${ZONE})`,
  };
}

export async function plannedInRange(db: DbOrTx, communityId: number, from: string, to: string): Promise<PlannedRow[]> {
  const { start, end } = bounds(from, to);
  const { rows } = await db.execute<PlannedRow>(sql`${plannedSelect}
    WHERE p.community_id = ${communityId} AND p.planned_at >= ${start} AND p.planned_at < ${end}
    ORDER BY p.planned_at, p.id LIMIT ${CALENDAR_CAP}`);
  return rows;
}

export type OccurrenceRow = {
  slot_id: number;
  label: string;
  kind: PlannableKindValue;
  at: Date | string;
  at_local: string;
  planned_post_id: number | null;
}

/**
 * Expands the active slots into occurrences: each Paris day of the range whose weekday matches,
 * every `interval_weeks` weeks from the slot's first week. The local date plus local time is turned
 * into an instant by PostgreSQL with the zone's rules (9:00 stays 9:00 across a DST change).
 */
export async function occurrencesInRange(db: DbOrTx, communityId: number, from: string, to: string): Promise<OccurrenceRow[]> {
  const { rows } = await db.execute<OccurrenceRow>(sql`
    SELECT s.id AS slot_id, s.label, s.kind, o.at, ${localText('o.at')} AS at_local, pp.id AS planned_post_id
      FROM editorial_slots s
      CROSS JOIN LATERAL generate_series(${from}::date, ${to}::date, interval '1 day') AS d(day)
      CROSS JOIN LATERAL (SELECT (d.day::date + s.time_of_day) AT TIME ZONE ${ZONE} AS at) o
      LEFT JOIN LATERAL (
        SELECT p.id FROM planned_posts p
         WHERE p.community_id = s.community_id AND p.slot_id = s.id AND p.status <> 'cancelled'
           AND p.planned_at >= (d.day::date::timestamp AT TIME ZONE ${ZONE})
           AND p.planned_at < ((d.day::date + 1)::timestamp AT TIME ZONE ${ZONE})
         ORDER BY p.planned_at LIMIT 1
      ) pp ON true
     WHERE s.community_id = ${communityId} AND s.active
       AND extract(isodow FROM d.day) = s.weekday
       AND d.day::date >= s.starts_on
       AND ((d.day::date - s.starts_on) / 7) % s.interval_weeks = 0
     ORDER BY o.at, s.id
     LIMIT ${CALENDAR_CAP}`);
  return rows;
}

export type PublishedRow = {
  id: number;
  kind: PostKind;
  title: string;
  created_at: Date | string;
  author_id: number;
  first_name: string;
  last_name: string;
}

/** Posts published in the range, read off the community feed index. */
export async function publishedInRange(db: DbOrTx, communityId: number, from: string, to: string): Promise<PublishedRow[]> {
  const { start, end } = bounds(from, to);
  const { rows } = await db.execute<PublishedRow>(sql`
    SELECT p.id, p.kind, p.title, p.created_at, p.author_id, u.first_name, u.last_name
      FROM posts p JOIN users u ON u.id = p.author_id
     WHERE p.community_id = ${communityId} AND p.deleted_at IS NULL AND p.created_at >= ${start} AND p.created_at < ${end}
     ORDER BY p.created_at DESC, p.id DESC LIMIT ${CALENDAR_CAP}`);
  return rows;
}

export type EventRow = {
  post_id: number;
  title: string;
  starts_at: Date | string;
  ends_at: Date | string;
}

/** Events overlapping the range, when the agenda's table exists (the calendar works without it). */
export async function eventsInRange(db: DbOrTx, communityId: number, from: string, to: string): Promise<EventRow[]> {
  const { rows: present } = await db.execute<{ ok: boolean }>(sql`SELECT to_regclass('public.events') IS NOT NULL AS ok`);
  if (!present[0]?.ok) return [];
  const { start, end } = bounds(from, to);
  const { rows } = await db.execute<EventRow>(sql`
    SELECT e.post_id, p.title, e.starts_at, e.ends_at
      FROM events e JOIN posts p ON p.id = e.post_id AND p.deleted_at IS NULL
     WHERE e.community_id = ${communityId} AND e.starts_at < ${end} AND e.ends_at > ${start}
     ORDER BY e.starts_at, e.post_id LIMIT ${CALENDAR_CAP}`);
  return rows;
}
