import type { ContributionSource } from '../../../../common/contributions.js';
import type { App } from '../../types.js';
import {  } from '../../../../common/time/index.js';

/** Test-only raw inserts at chosen instants, so month boundaries can be tested. */

export async function insertPost(app: App, communityId: number, authorId: number, kind: string, at: string, opts: { deleted?: boolean } = {}): Promise<number> {
  const { rows } = await app.pool.query<{ id: number }>(
    `INSERT INTO posts (community_id, author_id, kind, title, body_md, body_html, created_at, deleted_at)
     VALUES ($1, $2, $3, $4, 'corps', '<p>corps</p>', $5, $6) RETURNING id::int AS id`,
    [communityId, authorId, kind, `Publication ${kind} ${at}`, at, opts.deleted ? at : null],
  );
  return rows[0]!.id;
}

export async function insertComment(app: App, postId: number, authorId: number, at: string): Promise<void> {
  await app.pool.query(
    `INSERT INTO comments (post_id, author_id, body_md, body_html, created_at) VALUES ($1, $2, 'réponse', '<p>réponse</p>', $3)`,
    [postId, authorId, at],
  );
}

export async function insertPoll(app: App, communityId: number, postId: number, at: string, resultsPostId: number | null = null): Promise<void> {
  await app.pool.query(
    `INSERT INTO polls (post_id, community_id, closes_at, created_at, results_post_id) VALUES ($1, $2, $3::timestamptz + interval '7 days', $3, $4)`,
    [postId, communityId, at, resultsPostId],
  );
}

export async function insertEvent(app: App, communityId: number, postId: number, createdAt: string, updatedAt: string): Promise<void> {
  await app.pool.query(
    `INSERT INTO events (post_id, community_id, starts_at, ends_at, created_at, updated_at)
     VALUES ($1, $2, $3::timestamptz + interval '10 days', $3::timestamptz + interval '10 days 2 hours', $3, $4)`,
    [postId, communityId, createdAt, updatedAt],
  );
}

export async function insertDossier(app: App, communityId: number, authorId: number, at: string): Promise<void> {
  await app.pool.query(`INSERT INTO dossiers (community_id, title, created_by, created_at) VALUES ($1, 'Dossier', $2, $3)`, [communityId, authorId, at]);
}

export async function insertModeration(app: App, communityId: number, actorId: number, targetId: number, at: string): Promise<void> {
  await app.pool.query(
    `INSERT INTO moderation_audit (community_id, actor_id, action, target_type, target_id, created_at) VALUES ($1, $2, 'keep', 'post', $3, $4)`,
    [communityId, actorId, targetId, at],
  );
}

/** An action the fixture expects to be counted: which source, whose, when. */
export interface Expected { source: ContributionSource; userId: number; at: string }

