import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { makeTestApp, useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { ask, comment, questionScene } from './questions.fixtures.js';

describe('questions: deadline, answer, solution', async () => {
  const { app } = await useTestApp();

  const get = (postId: number, headers?: Record<string, string>) =>
    app.inject({ method: 'GET', url: `/api/posts/${postId}/question`, headers });
  const solve = (postId: number, commentId: number, headers: Record<string, string>) =>
    app.inject({ method: 'PUT', url: `/api/questions/${postId}/solution`, headers, payload: { commentId } });

  it('gives a new question a deadline 3 calendar days later, pending', async () => {
    const s = await questionScene(app);
    const id = await ask(app, s.community.slug, s.asker);
    const res = await get(id, s.asker.headers);
    expect(res.statusCode).toBe(200);
    const q = res.json();
    expect(q).toMatchObject({ postId: id, status: 'pending', overdue: false, answeredAt: null, can: { markSolution: true } });
    expect(new Date(q.deadlineAt).getTime() - new Date(q.askedAt).getTime()).toBe(3 * 86_400_000);
    expect((await get(id, s.member.headers)).json().can.markSolution).toBe(false);
    expect((await get(id)).statusCode).toBe(200);
  });

  it('answers 404 for a post that is not a question, or a missing one', async () => {
    const s = await questionScene(app);
    const res = await app.inject({
      method: 'POST', url: `/api/communities/${s.community.slug}/posts`, headers: s.asker.headers,
      payload: { title: 'Une discussion', body: 'Bonjour' },
    });
    expect((await get(res.json().id)).json().code).toBe('QUESTION_NOT_FOUND');
    expect((await get(999_999_999)).statusCode).toBe(404);
  });

  it('counts a member reply as first response but only a staff reply as the answer; the asker never counts', async () => {
    const s = await questionScene(app);
    const id = await ask(app, s.community.slug, s.asker);
    await comment(app, id, s.asker, 'Précision : en zone rurale.');
    expect((await get(id)).json().firstResponseAt).toBeNull();
    await comment(app, id, s.member);
    let q = (await get(id)).json();
    expect(q.firstResponseAt).not.toBeNull();
    expect(q.status).toBe('pending');
    const answer = await comment(app, id, s.animator, 'Réponse de l’animatrice.');
    q = (await get(id)).json();
    expect(q).toMatchObject({ status: 'answered', answerCommentId: answer.id, answeredBy: { id: s.animator.user.id } });
    // A later coordinator reply does not move the answer.
    await comment(app, id, s.coordinator);
    expect((await get(id)).json().answerCommentId).toBe(answer.id);
  });

  it('lets the asker mark a comment of the question as the solution', async () => {
    const s = await questionScene(app);
    const id = await ask(app, s.community.slug, s.asker);
    const reply = await comment(app, id, s.member, 'Nous avons utilisé le fonds FIPD.');
    const res = await solve(id, reply.id, s.asker.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'solved', solutionCommentId: reply.id, answerCommentId: reply.id, answeredBy: { id: s.member.user.id } });
    // Changing one's mind for another comment is allowed.
    const other = await comment(app, id, s.coordinator);
    const again = await solve(id, other.id, s.asker.headers);
    expect(again.json()).toMatchObject({ solutionCommentId: other.id, answerCommentId: reply.id });
  });

  it('refuses a solution from anyone but the asker (403), from another post (400), deleted (400), unauthenticated (401)', async () => {
    const s = await questionScene(app);
    const id = await ask(app, s.community.slug, s.asker);
    const otherId = await ask(app, s.community.slug, s.asker);
    const reply = await comment(app, id, s.member);
    const elsewhere = await comment(app, otherId, s.member);
    expect((await solve(id, reply.id, s.member.headers)).statusCode).toBe(403);
    expect((await solve(id, reply.id, s.animator.headers)).statusCode).toBe(403);
    const wrong = await solve(id, elsewhere.id, s.asker.headers);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('SOLUTION_NOT_IN_QUESTION');
    await app.inject({ method: 'DELETE', url: `/api/comments/${reply.id}`, headers: s.member.headers });
    expect((await solve(id, reply.id, s.asker.headers)).statusCode).toBe(400);
    expect((await app.inject({ method: 'PUT', url: `/api/questions/${id}/solution`, payload: { commentId: reply.id } })).statusCode).toBe(401);
    expect((await solve(id, 0, s.asker.headers)).statusCode).toBe(400);
    expect((await solve(999_999_999, reply.id, s.asker.headers)).statusCode).toBe(404);
  });

  it('answers 404 when commenting on or solving a deleted question', async () => {
    const s = await questionScene(app);
    const id = await ask(app, s.community.slug, s.asker);
    const reply = await comment(app, id, s.member);
    const del = await app.inject({ method: 'DELETE', url: `/api/posts/${id}`, headers: s.asker.headers });
    expect(del.statusCode).toBe(200);
    expect((await comment(app, id, s.animator)).statusCode).toBe(404);
    expect((await solve(id, reply.id, s.asker.headers)).statusCode).toBe(404);
    expect((await get(id)).statusCode).toBe(404);
  });

  it('rate-limits marking solutions (429)', async () => {
    const t = await makeTestApp({ rateLimitFactor: 0.034 });
    try {
      const community = await createCommunity(t.app);
      const asker = await memberOf(t.app, community.id);
      const id = await ask(t.app, community.slug, asker);
      const reply = await comment(t.app, id, await memberOf(t.app, community.id));
      const codes: number[] = [];
      // 300 writes an hour x 0.034 = 10 allowed; one post (30 x 0.034 = 1) is still possible.
      for (let i = 0; i < 12; i++) {
        codes.push((await t.app.inject({ method: 'PUT', url: `/api/questions/${id}/solution`, headers: asker.headers, payload: { commentId: reply.id } })).statusCode);
      }
      expect(codes).toContain(429);
    } finally {
      await t.close();
    }
  });

  it('hides questions of a draft community from outsiders', async () => {
    const draft = await createCommunity(app, { status: 'draft' });
    const coordinator = await memberOf(app, draft.id, 'coordinator');
    await app.pool.query(`UPDATE communities SET status = 'open' WHERE id = $1`, [draft.id]);
    const id = await ask(app, draft.slug, coordinator);
    await app.pool.query(`UPDATE communities SET status = 'draft' WHERE id = $1`, [draft.id]);
    const outsider = await signIn(app);
    expect((await get(id, outsider.headers)).statusCode).toBe(404);
    expect((await get(id, coordinator.headers)).statusCode).toBe(200);
  });
});
