import type pg from 'pg';
import { copyRows } from './copy.js';
import type { LargeDataSet } from './large-rows.js';
import { addLargeEvents } from './large-events.js';
import { addLargeQuestions } from './large-questions.js';

export interface LoadOptions {
  /** `WITH (FREEZE)` when the tables were truncated in the same transaction. */
  freeze: boolean;
  /** Progress bars on the terminal (the seed), or nothing (the planner test). */
  progress: boolean;
  log: (msg: string) => void;
}

/**
 * Loads the generated rows with COPY inside the caller's transaction, then the agenda, then the counters that the
 * load does not write itself. Shared by `seed:large` and the test of the hot paths' query plans.
 */
export async function loadLargeRows(client: pg.PoolClient, data: LargeDataSet, options: LoadOptions): Promise<void> {
  // The feed version trigger would keep every loaded post in a transition table only to bump each community
  // once: the load sets no feed version (every instance starts with an empty page cache anyway).
  await client.query('ALTER TABLE posts DISABLE TRIGGER posts_bump_feed_version_insert');
  const freeze = options.freeze ? 'WITH (FREEZE)' : '';
  const copy = (label: string, table: string, cols: string[], total: number, gen: () => Generator<string>) =>
    copyRows(client, label, table, cols, total, gen, freeze, options.progress);

  await copy('communautés', 'communities', ['id', 'slug', 'name', 'description', 'perimeter', 'target_audience', 'editorial_line', 'status', 'launch_date', 'created_at'],
    data.sizes.communities, () => data.communityRows());
  await copy('membres', 'users', ['id', 'email', 'password_hash', 'first_name', 'last_name', 'employer', 'job', 'departement', 'email_verified_at', 'created_at', 'updated_at'],
    data.sizes.users, () => data.userRows());
  await copy('adhésions', 'memberships', ['community_id', 'user_id', 'role', 'joined_at'],
    Math.round(data.sizes.users * 1.37), () => data.membershipRows());
  // Discussions and questions: the other kinds need detail rows of their own (links, polls).
  await copy('publications', 'posts',
    ['id', 'community_id', 'author_id', 'kind', 'title', 'body_md', 'body_html', 'excerpt', 'comment_count', 'useful_count', 'created_at', 'deleted_at', 'deleted_by'],
    data.sizes.posts, () => data.postRows());
  await copy('commentaires', 'comments', ['id', 'post_id', 'author_id', 'reply_to_id', 'body_md', 'body_html', 'created_at', 'deleted_at', 'deleted_by'],
    data.comments, () => data.commentRows());
  await copy('« utile »', 'post_reactions', ['post_id', 'user_id', 'created_at'], data.reactions, () => data.reactionRows());
  await client.query('ALTER TABLE posts ENABLE TRIGGER posts_bump_feed_version_insert');
  await addLargeQuestions(client, options.log);
  await addLargeEvents(client, options.log);
}

/** Community counters from the rows (post counters were written by the load), and the id sequences past the load. */
export async function finishLargeLoad(client: pg.PoolClient): Promise<void> {
  await client.query(`
    UPDATE communities c SET member_count = s.members, post_count = s.posts
      FROM (SELECT c2.id,
                   coalesce(m.n, 0) AS members, coalesce(p.n, 0) AS posts
              FROM communities c2
              LEFT JOIN (SELECT community_id, count(*)::int n FROM memberships GROUP BY community_id) m ON m.community_id = c2.id
              LEFT JOIN (SELECT community_id, count(*)::int n FROM posts WHERE deleted_at IS NULL GROUP BY community_id) p ON p.community_id = c2.id) s
     WHERE c.id = s.id`);
  for (const t of ['users', 'communities', 'posts', 'comments']) {
    await client.query(`SELECT setval(pg_get_serial_sequence('public.${t}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ${t}), false)`);
  }
}
