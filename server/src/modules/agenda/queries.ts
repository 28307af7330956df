import { sql, type SQL } from 'drizzle-orm';
import { LIMITS } from '../../../../common/limits.js';
import type { DbOrTx } from '../../db/client.js';
import { isoText, type PgKeyset } from '../../lib/cursor.js';
import { named } from '../../lib/named-query.js';
import type { CommunityRole, CommunityStatus } from '../communities/policy.js';

/**
 * Read queries of the agenda, each ONE statement served by an index:
 * events_community_starts_idx for a community, events_starts_idx for the network.
 * Events longer than LIMITS.eventMaxDays are refused at write time, which bounds every
 * "still running" condition to a finite index range (starts_at > from - max days).
 */

export interface EventRow extends Record<string, unknown> {
  post_id: number;
  community_id: number;
  community_slug: string;
  community_name: string;
  community_status: CommunityStatus;
  my_role: CommunityRole | null;
  title: string;
  excerpt: string;
  body_md?: string;
  starts_at: string;
  ends_at: string;
  all_day: boolean;
  place: string | null;
  online_url: string | null;
  registration_url: string | null;
  organiser: string | null;
  /** Hidden by moderation: only its author and the moderators still open it. */
  hidden: boolean;
  author_id: number;
  sequence: number;
  created_at: string;
  updated_at: string;
}

export type When = 'upcoming' | 'past';

const MAX_SPAN = sql.raw(`interval '${LIMITS.eventMaxDays} days'`);

function columns(me: number | null, withBody = false): SQL {
  return sql`
    e.post_id, e.community_id, c.slug AS community_slug, c.name AS community_name, c.status AS community_status,
    m.role AS my_role, p.title, p.excerpt ${withBody ? sql`, p.body_md` : sql``},
    ${isoText('e.starts_at')} AS starts_at, ${isoText('e.ends_at')} AS ends_at, e.all_day,
    e.place, e.online_url, e.registration_url, e.organiser, e.sequence, p.hidden_at IS NOT NULL AS hidden, p.author_id,
    ${isoText('e.created_at')} AS created_at, ${isoText('e.updated_at')} AS updated_at`;
}

function joins(me: number | null): SQL {
  return sql`
      JOIN posts p ON p.id = e.post_id AND p.deleted_at IS NULL
      JOIN communities c ON c.id = e.community_id
      LEFT JOIN memberships m ON m.community_id = e.community_id AND m.user_id = ${me}`;
}

/** Lists and feeds leave out events hidden by moderation; the event page itself follows the post's visibility. */
const LISTED = sql`p.hidden_at IS NULL`;

/** Upcoming = not yet ended (running events included), soonest first; past = ended, latest first. */
function period(when: When, cursor: PgKeyset | undefined): { where: SQL; order: SQL } {
  if (when === 'upcoming') {
    return {
      where: sql`e.starts_at > now() - ${MAX_SPAN} AND e.ends_at > now()
        ${cursor ? sql`AND (e.starts_at, e.post_id) > (${cursor.at}::timestamptz, ${cursor.id}::bigint)` : sql``}`,
      order: sql`e.starts_at, e.post_id`,
    };
  }
  return {
    where: sql`e.starts_at < now() AND e.ends_at <= now()
      ${cursor ? sql`AND (e.starts_at, e.post_id) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)` : sql``}`,
    order: sql`e.starts_at DESC, e.post_id DESC`,
  };
}

export async function findEvent(db: DbOrTx, postId: number, me: number | null, withBody = false): Promise<EventRow | undefined> {
  const { rows } = await db.execute<EventRow>(sql`
    SELECT ${columns(me, withBody)} FROM events e ${joins(me)} WHERE e.post_id = ${postId}`);
  return rows[0];
}

/** One community's events, a page of upcoming or past ones (limit + 1 rows). */
export async function communityEvents(
  db: DbOrTx, communityId: number, me: number | null, when: When, cursor: PgKeyset | undefined, limit: number,
): Promise<EventRow[]> {
  const p = period(when, cursor);
  const { rows } = await db.execute<EventRow>(sql`
    SELECT ${columns(me)} FROM events e ${joins(me)}
     WHERE e.community_id = ${communityId} AND ${LISTED} AND ${p.where}
     ORDER BY ${p.order} LIMIT ${limit + 1}`);
  return rows;
}

/** What a month grid shows of an event (MonthEvent in the API). */
export interface MonthEventRow extends Record<string, unknown> {
  post_id: number;
  title: string;
  starts_at: string;
  ends_at: string;
  all_day: boolean;
  place: string | null;
  online_url: string | null;
}

/**
 * Every event of a community overlapping [from, to) — a month grid, the same for every reader, with only what the
 * grid shows. Named (planned once per connection): the month view is the agenda's hot read, and planning it cost
 * more than running it.
 */
export async function eventsBetween(db: DbOrTx, communityId: number, from: Date, to: Date): Promise<MonthEventRow[]> {
  return named<MonthEventRow>(db, 'agenda-month', sql`
    SELECT e.post_id, p.title, ${isoText('e.starts_at')} AS starts_at, ${isoText('e.ends_at')} AS ends_at, e.all_day,
           e.place, e.online_url
      FROM events e JOIN posts p ON p.id = e.post_id AND p.deleted_at IS NULL
     WHERE e.community_id = ${communityId} AND ${LISTED}
       AND e.starts_at > ${from.toISOString()}::timestamptz - ${MAX_SPAN}
       AND e.starts_at < ${to.toISOString()}::timestamptz
       AND e.ends_at > ${from.toISOString()}::timestamptz
     ORDER BY e.starts_at, e.post_id LIMIT 1000`);
}

/** The network-wide agenda: events of open communities. */
export async function networkEvents(db: DbOrTx, me: number | null, when: When, cursor: PgKeyset | undefined, limit: number): Promise<EventRow[]> {
  const p = period(when, cursor);
  const { rows } = await db.execute<EventRow>(sql`
    SELECT ${columns(me)} FROM events e ${joins(me)}
     WHERE c.status = 'open' AND ${LISTED} AND ${p.where}
     ORDER BY ${p.order} LIMIT ${limit + 1}`);
  return rows;
}

/** The iCalendar feed: every upcoming event plus those of the last three months. */
export async function feedEvents(db: DbOrTx, communityId: number): Promise<EventRow[]> {
  const { rows } = await db.execute<EventRow>(sql`
    SELECT ${columns(null, true)} FROM events e ${joins(null)}
     WHERE e.community_id = ${communityId} AND ${LISTED} AND e.starts_at > now() - interval '3 months'
     ORDER BY e.starts_at, e.post_id LIMIT 2000`);
  return rows;
}

/** The network agenda as a feed: open communities, every upcoming event plus those of the last three months. */
export async function networkFeedEvents(db: DbOrTx): Promise<EventRow[]> {
  const { rows } = await db.execute<EventRow>(sql`
    SELECT ${columns(null, true)} FROM events e ${joins(null)}
     WHERE c.status = 'open' AND ${LISTED} AND e.starts_at > now() - interval '3 months'
     ORDER BY e.starts_at, e.post_id LIMIT 2000`);
  return rows;
}

/**
 * « Mon agenda »: the events of every community the member belongs to (open or archived, never a draft:
 * a feed address outlives the role that let its owner see one), read per membership off events_community_starts_idx.
 */
export async function memberFeedEvents(db: DbOrTx, userId: number): Promise<EventRow[]> {
  const { rows } = await db.execute<EventRow>(sql`
    SELECT ${columns(userId, true)} FROM events e
      JOIN memberships mine ON mine.community_id = e.community_id AND mine.user_id = ${userId}
      ${joins(userId)}
     WHERE c.status IN ('open', 'archived') AND ${LISTED} AND e.starts_at > now() - interval '3 months'
     ORDER BY e.starts_at, e.post_id LIMIT 2000`);
  return rows;
}
