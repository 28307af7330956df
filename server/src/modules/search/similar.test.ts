import { describe, expect, it } from 'vitest';
import { unique, useTestApp } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { memberOf } from '../posts/posts.fixtures.js';

describe('GET /api/communities/:slug/similar-questions', async () => {
  const { app } = await useTestApp();
  // A word no other test file uses, so hits come only from this file's data.
  const word = unique('zarbitude').toLowerCase().replace(/[^a-z]/g, '');

  const home = await createCommunity(app);
  const related = await createCommunity(app);
  const unrelated = await createCommunity(app);
  const draft = await createCommunity(app, { status: 'draft' });
  for (const other of [related, draft]) {
    await app.pool.query('INSERT INTO community_relations (community_id, related_id) VALUES ($1, $2), ($2, $1)', [home.id, other.id]);
  }
  const member = await memberOf(app, home.id);
  const writer = async (communityId: number) => memberOf(app, communityId);

  async function post(slug: string, headers: Record<string, string>, title: string, kind = 'discussion') {
    const res = await app.inject({ method: 'POST', url: `/api/communities/${slug}/posts`, headers, payload: { kind, title, body: `Texte ${word}` } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  }

  const homeAuthor = await writer(home.id);
  const relatedAuthor = await writer(related.id);
  const question = await post(home.slug, homeAuthor.headers, `Calcul du RIFSEEP pour un agent à temps partiel ${word}`, 'question');
  const answered = await post(related.slug, relatedAuthor.headers, `Primes et RIFSEEP des contractuels ${word}`);
  await app.inject({ method: 'POST', url: `/api/posts/${answered}/comments`, headers: relatedAuthor.headers, payload: { body: 'Voici la réponse.' } });
  await post(related.slug, relatedAuthor.headers, `RIFSEEP sans réponse ${word}`); // a discussion nobody answered
  await post(unrelated.slug, (await writer(unrelated.id)).headers, `Le RIFSEEP ailleurs ${word}`, 'question');
  const draftCoordinator = await memberOf(app, draft.id, 'coordinator');
  await app.pool.query(`UPDATE communities SET status = 'open' WHERE id = $1`, [draft.id]);
  const hidden = await post(draft.slug, draftCoordinator.headers, `RIFSEEP en préparation ${word}`, 'question');
  await app.pool.query(`UPDATE communities SET status = 'draft' WHERE id = $1`, [draft.id]);

  const similar = (q: string, headers?: Record<string, string>, slug = home.slug) =>
    app.inject({ method: 'GET', url: `/api/communities/${slug}/similar-questions?q=${encodeURIComponent(q)}`, headers });

  it('finds questions and answered posts of the community and its related ones, best match first, accents ignored', async () => {
    const res = await similar(`Comment calculer le rifseep d’un agent a temps partiel ? ${word}`, member.headers);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { id: number; community: { slug: string }; titleHtml: string }[];
    expect(items.map((i) => i.id)).toEqual([question, answered]);
    expect(items[0]!.community.slug).toBe(home.slug);
    expect(items[0]!.titleHtml).toContain('<mark>RIFSEEP</mark>');
    expect(items[1]).toMatchObject({ community: { slug: related.slug }, commentCount: 1, solved: false });
  });

  it('never shows what the person may not read (a draft related community), and a draft coordinator does see it', async () => {
    const forMember = (await similar(`rifseep ${word}`, member.headers)).json().items.map((i: { id: number }) => i.id);
    expect(forMember).not.toContain(hidden);
    await app.pool.query('INSERT INTO memberships (community_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [home.id, draftCoordinator.user.id, 'member']);
    const forCoordinator = (await similar(`rifseep ${word}`, draftCoordinator.headers)).json().items.map((i: { id: number }) => i.id);
    expect(forCoordinator).toContain(hidden);
  });

  it('answers nothing for too short a title, bounds the list, refuses bad input', async () => {
    expect((await similar('ri', member.headers)).json().items).toEqual([]);
    expect((await similar('le la de', member.headers)).json().items).toEqual([]);
    const limited = await app.inject({ method: 'GET', url: `/api/communities/${home.slug}/similar-questions?q=${word}&limit=1` });
    expect(limited.json().items).toHaveLength(1);
    expect((await app.inject({ method: 'GET', url: `/api/communities/${home.slug}/similar-questions?q=${word}&limit=50` })).statusCode).toBe(400);
    expect((await similar('x'.repeat(201))).statusCode).toBe(400);
    expect((await similar(word, member.headers, 'nulle-part')).statusCode).toBe(404);
    expect((await similar(word, member.headers, draft.slug)).statusCode).toBe(404);
  });
});
