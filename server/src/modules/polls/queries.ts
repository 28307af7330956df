import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { isoText, type PgKeyset } from '../../lib/cursor.js';
import type { CurrentUser } from '../../types.js';
import type { CommunityRole, CommunityStatus } from '../communities/policy.js';

/** Read queries of the polls module; each list or count is one statement on an index. */

export interface PollRow extends Record<string, unknown> {
  post_id: number;
  title: string;
  community_id: number;
  community_slug: string;
  community_name: string;
  community_status: CommunityStatus;
  my_role: CommunityRole | null;
  multiple: boolean;
  allow_free_text: boolean;
  closes_at: string;
  closed: boolean;
  results_visibility: 'live' | 'after_close';
  results_post_id: number | null;
  results_post_title: string | null;
  total_voters: number;
}

/** The poll of a live post, with its community, my role there and its number of voters. */
export async function findPoll(db: DbOrTx, postId: number, user: CurrentUser | null): Promise<PollRow | undefined> {
  const { rows } = await db.execute<PollRow>(sql`
    SELECT pl.post_id, p.title, c.id AS community_id, c.slug AS community_slug, c.name AS community_name,
           c.status AS community_status, m.role AS my_role,
           pl.multiple, pl.allow_free_text, ${isoText('pl.closes_at')} AS closes_at, pl.closes_at <= now() AS closed,
           pl.results_visibility, rp.id AS results_post_id, rp.title AS results_post_title,
           (SELECT count(*)::int FROM poll_votes v WHERE v.poll_id = pl.post_id) AS total_voters
      FROM polls pl
      JOIN posts p ON p.id = pl.post_id AND p.deleted_at IS NULL
      JOIN communities c ON c.id = p.community_id
      LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = ${user?.id ?? 0}
      LEFT JOIN posts rp ON rp.id = pl.results_post_id AND rp.deleted_at IS NULL
     WHERE pl.post_id = ${postId}`);
  return rows[0];
}

export interface OptionCountRow extends Record<string, unknown> {
  id: number;
  label: string;
  count: number;
}

/** Options in order with their counts: one GROUP BY read off the (poll_id, option_id, user_id) key. */
export async function optionCounts(db: DbOrTx, pollId: number): Promise<OptionCountRow[]> {
  const { rows } = await db.execute<OptionCountRow>(sql`
    SELECT o.id, o.label, coalesce(c.n, 0)::int AS count
      FROM poll_options o
      LEFT JOIN (SELECT option_id, count(*) AS n FROM poll_vote_choices WHERE poll_id = ${pollId} GROUP BY option_id) c
        ON c.option_id = o.id
     WHERE o.poll_id = ${pollId}
     ORDER BY o.position`);
  return rows;
}

export interface MyVoteRow extends Record<string, unknown> {
  option_ids: number[];
  free_text: string | null;
  created_at: string;
}

export async function findMyVote(db: DbOrTx, pollId: number, userId: number): Promise<MyVoteRow | undefined> {
  const { rows } = await db.execute<MyVoteRow>(sql`
    SELECT v.free_text, ${isoText('v.created_at')} AS created_at,
           coalesce((SELECT array_agg(ch.option_id ORDER BY ch.option_id) FROM poll_vote_choices ch
                      WHERE ch.poll_id = v.poll_id AND ch.user_id = v.user_id), '{}') AS option_ids
      FROM poll_votes v
     WHERE v.poll_id = ${pollId} AND v.user_id = ${userId}`);
  const row = rows[0];
  // int8[] arrives as strings from pg.
  return row ? { ...row, option_ids: row.option_ids.map(Number) } : undefined;
}

export interface FreeTextRow extends Record<string, unknown> {
  id: number;
  text: string;
  created_at: string;
}

/** Free-text answers newest first, keyset (created_at, user_id) on the partial index. */
export async function freeTextPage(db: DbOrTx, pollId: number, cursor: PgKeyset | undefined, limit: number): Promise<FreeTextRow[]> {
  const { rows } = await db.execute<FreeTextRow>(sql`
    SELECT v.user_id AS id, v.free_text AS text, ${isoText('v.created_at')} AS created_at
      FROM poll_votes v
     WHERE v.poll_id = ${pollId} AND v.free_text IS NOT NULL
       ${cursor ? sql`AND (v.created_at, v.user_id) < (${cursor.at}::timestamptz, ${cursor.id})` : sql``}
     ORDER BY v.created_at DESC, v.user_id DESC
     LIMIT ${limit + 1}`);
  return rows;
}

export async function freeTextCount(db: DbOrTx, pollId: number): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM poll_votes WHERE poll_id = ${pollId} AND free_text IS NOT NULL`);
  return rows[0]?.n ?? 0;
}

export interface PollListRow extends Record<string, unknown> {
  id: number;
  title: string;
  multiple: boolean;
  closes_at: string;
  closed: boolean;
  created_at: string;
  results_post_id: number | null;
  total_voters: number;
}

/** A community's polls, newest first, read off polls_community_idx. */
export async function communityPolls(db: DbOrTx, communityId: number, cursor: PgKeyset | undefined, limit: number): Promise<PollListRow[]> {
  const { rows } = await db.execute<PollListRow>(sql`
    SELECT pl.post_id AS id, p.title, pl.multiple, ${isoText('pl.closes_at')} AS closes_at, pl.closes_at <= now() AS closed,
           ${isoText('pl.created_at')} AS created_at, pl.results_post_id,
           (SELECT count(*)::int FROM poll_votes v WHERE v.poll_id = pl.post_id) AS total_voters
      FROM polls pl
      JOIN posts p ON p.id = pl.post_id AND p.deleted_at IS NULL AND p.hidden_at IS NULL
     WHERE pl.community_id = ${communityId}
       ${cursor ? sql`AND (pl.created_at, pl.post_id) < (${cursor.at}::timestamptz, ${cursor.id})` : sql``}
     ORDER BY pl.created_at DESC, pl.post_id DESC
     LIMIT ${limit + 1}`);
  return rows;
}
