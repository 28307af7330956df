import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe('polls', async () => {
  const { app } = await useTestApp();

  async function setup(extra: Record<string, unknown> = {}) {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const member = await memberOf(app, community.id);
    const res = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/polls`, headers: animator.headers,
      payload: { title: 'Quel format pour la prochaine rencontre ?', options: ['Visio', 'Présentiel', 'Hybride'], closesAt: inDays(7), ...extra },
    });
    expect(res.statusCode, res.body).toBe(201);
    const poll = res.json();
    return { community, animator, member, poll, postId: poll.postId as number, opt: (poll.options as { id: number }[]).map((o) => o.id) };
  }

  const voteReq = (postId: number, headers: Record<string, string>, payload: unknown) =>
    app.inject({ method: 'POST', url: `/api/polls/${postId}/vote`, headers, payload: payload as object });

  it('creates a poll as a post of kind sondage, votes once, counts and shows percentages', async () => {
    const { community, member, postId, opt } = await setup();
    const post = await app.inject({ method: 'GET', url: `/api/posts/${postId}` });
    expect(post.json()).toMatchObject({ kind: 'sondage', title: 'Quel format pour la prochaine rencontre ?' });

    const first = await voteReq(postId, member.headers, { optionIds: [opt[1]] });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ totalVoters: 1, myVote: { optionIds: [opt[1]] }, can: { vote: false } });
    const other = await memberOf(app, community.id);
    await voteReq(postId, other.headers, { optionIds: [opt[0]] });
    const res = await app.inject({ method: 'GET', url: `/api/polls/${postId}`, headers: member.headers });
    expect(res.json().options.map((o: { count: number; percent: number }) => [o.count, o.percent])).toEqual([[1, 50], [1, 50], [0, 0]]);

    const again = await voteReq(postId, member.headers, { optionIds: [opt[0]] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_VOTED');
  });

  it('counts exactly one of two simultaneous votes by the same member', async () => {
    const { member, postId, opt } = await setup();
    const results = await Promise.all([voteReq(postId, member.headers, { optionIds: [opt[0]] }), voteReq(postId, member.headers, { optionIds: [opt[1]] })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM poll_vote_choices WHERE poll_id = $1', [postId]);
    expect(rows[0].n).toBe(1);
  });

  it('refuses bad votes with clear codes', async () => {
    const { community, member, postId, opt } = await setup();
    const other = await setup();
    const bad = async (payload: unknown, status: number, code: string, headers = member.headers) => {
      const res = await voteReq(postId, headers, payload);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().code).toBe(code);
    };
    await bad({ optionIds: [opt[0], opt[1]] }, 400, 'VALIDATION_FAILED'); // single choice
    await bad({ optionIds: [other.opt[0]] }, 400, 'VALIDATION_FAILED'); // option of another poll
    await bad({ optionIds: [999_999_999] }, 400, 'VALIDATION_FAILED');
    await bad({ optionIds: [] }, 400, 'VALIDATION_FAILED');
    await bad({ optionIds: [opt[0], opt[0]] }, 400, 'VALIDATION_FAILED');
    await bad({ optionIds: ['x'] }, 400, 'VALIDATION_FAILED');
    await bad({ optionIds: [opt[0]], freeText: 'Autre idée' }, 400, 'VALIDATION_FAILED'); // free text not allowed
    await bad({ optionIds: [opt[0]] }, 401, 'UNAUTHENTICATED', {} as Record<string, string>);
    const outsider = await signIn(app);
    await bad({ optionIds: [opt[0]] }, 403, 'NOT_MEMBER', outsider.headers);
    const unverified = await memberOf(app, community.id, 'member', { verified: false });
    await bad({ optionIds: [opt[0]] }, 403, 'EMAIL_NOT_VERIFIED', unverified.headers);
    const missing = await voteReq(2 ** 40, member.headers, { optionIds: [opt[0]] });
    expect(missing.statusCode).toBe(404);
    // Nothing half-written by the refused votes.
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM poll_votes WHERE poll_id = $1', [postId]);
    expect(rows[0].n).toBe(0);
  });

  it('refuses votes after closing with 409 POLL_CLOSED', async () => {
    const { animator, member, postId, opt } = await setup();
    const close = await app.inject({ method: 'POST', url: `/api/polls/${postId}/close`, headers: animator.headers });
    expect(close.statusCode).toBe(200);
    expect(close.json().closed).toBe(true);
    const res = await voteReq(postId, member.headers, { optionIds: [opt[0]] });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('POLL_CLOSED');
    const forbidden = await app.inject({ method: 'POST', url: `/api/polls/${postId}/close`, headers: member.headers });
    expect(forbidden.statusCode).toBe(403);
  });

  it('accepts several choices and free text when allowed; free text reaches staff only', async () => {
    const { animator, member, postId, opt } = await setup({ multiple: true, allowFreeText: true });
    const res = await voteReq(postId, member.headers, { optionIds: [opt[0], opt[2]], freeText: 'Un créneau le midi' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().freeText).toBeNull();
    expect(res.json().options.map((o: { percent: number }) => o.percent)).toEqual([100, 0, 100]);
    const staff = await app.inject({ method: 'GET', url: `/api/polls/${postId}`, headers: animator.headers });
    expect(staff.json().freeText).toMatchObject({ count: 1, items: [{ text: 'Un créneau le midi' }] });
    const page = await app.inject({ method: 'GET', url: `/api/polls/${postId}/free-text`, headers: member.headers });
    expect(page.statusCode).toBe(403);
    const staffPage = await app.inject({ method: 'GET', url: `/api/polls/${postId}/free-text`, headers: animator.headers });
    expect(staffPage.json().items).toHaveLength(1);
  });

  it('hides results from members until closing when asked, not from staff', async () => {
    const { animator, member, postId, opt } = await setup({ resultsVisibility: 'after_close' });
    await voteReq(postId, member.headers, { optionIds: [opt[0]] });
    const hidden = (await app.inject({ method: 'GET', url: `/api/polls/${postId}`, headers: member.headers })).json();
    expect(hidden).toMatchObject({ resultsVisible: false, totalVoters: null });
    expect(hidden.options[0].count).toBeNull();
    const anon = (await app.inject({ method: 'GET', url: `/api/polls/${postId}` })).json();
    expect(anon.options[0].count).toBeNull();
    const staff = (await app.inject({ method: 'GET', url: `/api/polls/${postId}`, headers: animator.headers })).json();
    expect(staff.options[0].count).toBe(1);
    await app.pool.query(`UPDATE polls SET closes_at = now() - interval '1 minute' WHERE post_id = $1`, [postId]);
    const shown = (await app.inject({ method: 'GET', url: `/api/polls/${postId}`, headers: member.headers })).json();
    expect(shown).toMatchObject({ resultsVisible: true, totalVoters: 1, closed: true });
  });

  it('lets only staff create polls, and checks the input', async () => {
    const community = await createCommunity(app);
    const member = await memberOf(app, community.id);
    const animator = await memberOf(app, community.id, 'animator');
    const create = (headers: Record<string, string>, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/api/communities/${community.slug}/polls`, headers, payload });
    const good = { title: 'Question ?', options: ['Oui', 'Non'], closesAt: inDays(3) };
    expect((await create(member.headers, good)).statusCode).toBe(403);
    expect((await create({}, good)).statusCode).toBe(401);
    for (const payload of [
      { ...good, options: ['Oui'] },
      { ...good, options: ['Oui', 'oui'] },
      { ...good, options: ['Oui', '   '] },
      { ...good, closesAt: inDays(-1) },
      { ...good, closesAt: inDays(400) },
      { ...good, closesAt: 'demain' },
      { ...good, title: '' },
      { ...good, resultsVisibility: 'jamais' },
      { ...good, options: Array.from({ length: 21 }, (_, i) => `Option ${i}`) },
    ]) {
      const res = await create(animator.headers, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const missing = await app.inject({ method: 'POST', url: '/api/communities/nulle-part/polls', headers: animator.headers, payload: good });
    expect(missing.statusCode).toBe(404);
    const list = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/polls` });
    expect(list.json().items).toHaveLength(0);
  });

  it('publishes the results once, as a post linked from the poll', async () => {
    const { community, animator, member, postId, opt } = await setup();
    await voteReq(postId, member.headers, { optionIds: [opt[2]] });
    const publish = (headers: Record<string, string>) => app.inject({
      method: 'POST', url: `/api/polls/${postId}/publish-results`, headers, payload: { commentary: 'Merci pour vos réponses | nombreuses.' },
    });
    const early = await publish(animator.headers);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('POLL_NOT_CLOSED');
    await app.inject({ method: 'POST', url: `/api/polls/${postId}/close`, headers: animator.headers });
    expect((await publish(member.headers)).statusCode).toBe(403);
    const [a, b] = await Promise.all([publish(animator.headers), publish(animator.headers)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const done = a.statusCode === 201 ? a.json() : b.json();
    expect(done.resultsPost.title).toBe('Résultats du sondage : Quel format pour la prochaine rencontre ?');
    expect(done.can.publishResults).toBe(false);
    const post = (await app.inject({ method: 'GET', url: `/api/posts/${done.resultsPost.id}` })).json();
    expect(post).toMatchObject({ kind: 'article', articleType: 'autre' });
    expect(post.bodyHtml).toContain('<table>');
    expect(post.bodyHtml).toContain('Hybride');
    expect(post.bodyHtml).toContain('100 %');
    expect(post.bodyHtml).toContain(`href="/publications/${postId}"`);
    const list = (await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/polls` })).json();
    expect(list.items[0]).toMatchObject({ postId, closed: true, totalVoters: 1, resultsPostId: done.resultsPost.id });
  });
});
