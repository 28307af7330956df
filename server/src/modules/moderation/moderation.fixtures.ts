import { expect } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import type { App } from '../../types.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';

/** Test-only helpers of the moderation tests: one community with its cast, and a few verbs. */

export async function moderationScene(app: App) {
  const community = await createCommunity(app);
  const author = await memberOf(app, community.id);
  const reporter = await memberOf(app, community.id);
  const animator = await memberOf(app, community.id, 'animator');
  const coordinator = await memberOf(app, community.id, 'coordinator');
  const admin = await signIn(app, { nationalRole: 'admin' });
  const res = await app.inject({
    method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: author.headers,
    payload: { title: 'Un signalement à traiter', body: 'Texte qui pose problème.' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const post = res.json() as { id: number };
  return { community, author, reporter, animator, coordinator, admin, post };
}

export async function commentOn(app: App, postId: number, headers: Record<string, string>, body = 'Un commentaire.') {
  const res = await app.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers, payload: { body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number };
}

export function flag(app: App, type: 'posts' | 'comments', id: number, headers: Record<string, string>, reasonCode = 'spam', comment?: string) {
  return app.inject({ method: 'POST', url: `/api/${type}/${id}/flags`, headers, payload: { reasonCode, ...(comment ? { comment } : {}) } });
}

export function act(app: App, type: 'post' | 'comment', id: number, headers: Record<string, string>, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: `/api/moderation/items/${type}/${id}/actions`, headers, payload });
}

export async function auditRows(app: App, targetType: string, targetId: number) {
  const { rows } = await app.pool.query('SELECT * FROM moderation_audit WHERE target_type = $1 AND target_id = $2 ORDER BY id', [targetType, targetId]);
  return rows;
}
