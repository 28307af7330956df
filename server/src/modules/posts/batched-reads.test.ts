import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { act } from '../moderation/moderation.fixtures.js';
import { memberOf } from './posts.fixtures.js';

/**
 * The hot pages' one statement (a post's state; a community feed's community, live parts and visit) is asked for by
 * many readers at once under load: the calls of one turn share one statement (TickBatch), and each reader still gets
 * their own answer (role, « utile », reading, visit, refusal).
 */
describe('hot statements read together', async () => {
  const { app } = await useTestApp();

  /** Runs the requests together and returns their answers and the statements the app's pool was sent. */
  async function together(requests: (() => Promise<LightMyRequestResponse>)[]) {
    const texts: string[] = [];
    const original = app.pool.query.bind(app.pool);
    (app.pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const q = args[0] as string | { text: string };
      texts.push(typeof q === 'string' ? q : q.text);
      return (original as (...a: unknown[]) => unknown)(...args);
    };
    try {
      return { answers: await Promise.all(requests.map((r) => r())), texts };
    } finally {
      (app.pool as unknown as { query: unknown }).query = original;
    }
  }

  /** Publishes through the API and returns the new post's id. */
  async function publish(slug: string, headers: Record<string, string>, title: string): Promise<number> {
    const res = await app.inject({ method: 'POST', url: `/api/communities/${slug}/posts`, headers, payload: { title, body: 'Le texte.' } });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: number }).id;
  }

  it('answers concurrent readers of several posts in one statement, each with their own state', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const fan = await memberOf(app, community.id);
    const other = await memberOf(app, community.id);
    const animator = await memberOf(app, community.id, 'animator');
    const shown = await publish(community.slug, author.headers, 'Visible');
    const hidden = await publish(community.slug, author.headers, 'Masquée');
    expect((await app.inject({ method: 'PUT', url: `/api/posts/${shown}/useful`, headers: fan.headers })).statusCode).toBe(200);
    expect((await act(app, 'post', hidden, animator.headers, { action: 'hide', reasonCode: 'spam', message: 'Hors charte' })).statusCode).toBeLessThan(300);
    const get = (id: number, headers?: Record<string, string>) => app.inject({ method: 'GET', url: `/api/posts/${id}`, ...(headers ? { headers } : {}) });
    // Sessions and pages warm, so that every request below reaches the state in the same turn.
    for (const h of [author, fan, other, animator]) await get(shown, h.headers);
    await get(hidden, author.headers);

    const { answers, texts } = await together([
      () => get(shown, fan.headers), () => get(shown, other.headers), () => get(shown), () => get(shown, fan.headers),
      () => get(hidden, other.headers), () => get(hidden, author.headers), () => get(hidden, animator.headers),
    ]);
    expect(texts.filter((t) => /record_post_read/.test(t))).toHaveLength(1);
    const [fanPage, otherPage, anonymous, fanAgain, otherHidden, authorHidden, animatorHidden] = answers;
    expect([fanPage!.json().usefulByMe, otherPage!.json().usefulByMe, anonymous!.json().usefulByMe]).toEqual([true, false, false]);
    expect(fanAgain!.json().usefulByMe).toBe(true);
    expect(fanPage!.json().readState.seen).toBe(true);
    expect(anonymous!.json().readState).toBeUndefined();
    // The hidden post: refused to a member, shown to its author and to the animator, in the same statement.
    expect(otherHidden!.statusCode).toBe(404);
    expect(otherHidden!.json().code).toBe('POST_NOT_FOUND');
    expect([authorHidden!.statusCode, animatorHidden!.statusCode]).toEqual([200, 200]);
    expect(animatorHidden!.json().can.moderate).toBe(true);
    // No reading is recorded for the refused page; the author's and the animator's are.
    const { rows } = await app.pool.query('SELECT user_id FROM post_reads WHERE post_id = $1 ORDER BY user_id', [hidden]);
    expect(rows.map((r) => Number(r.user_id))).toEqual([author.user.id, animator.user.id].sort((x, y) => x - y));
  });

  it('answers concurrent readers of several community feeds in one statement, each with their own visit', async () => {
    const open = await createCommunity(app);
    const draft = await createCommunity(app, { status: 'draft' });
    const author = await memberOf(app, open.id);
    const reader = await memberOf(app, open.id);
    const coordinator = await memberOf(app, draft.id, 'coordinator');
    await addMember(app, draft.id, reader.user.id);
    await publish(open.slug, author.headers, 'Une nouvelle');
    const feed = (slug: string, headers?: Record<string, string>) =>
      app.inject({ method: 'GET', url: `/api/communities/${slug}/posts`, ...(headers ? { headers } : {}) });
    // Sessions and pages warm; the reader's visit of the open community is their first.
    for (const h of [author, coordinator]) await feed(open.slug, h.headers);
    await app.inject({ method: 'GET', url: '/api/me', headers: reader.headers });
    await feed(draft.slug, coordinator.headers);

    const { answers, texts } = await together([
      () => feed(open.slug, reader.headers), () => feed(open.slug), () => feed(open.slug, author.headers),
      () => feed(draft.slug, reader.headers), () => feed(draft.slug, coordinator.headers), () => feed(draft.slug),
    ]);
    expect(texts.filter((t) => /record_community_visit/.test(t))).toHaveLength(1);
    const [readerOpen, anonymousOpen, authorOpen, readerDraft, coordinatorDraft, anonymousDraft] = answers;
    expect(readerOpen!.json().visit).toEqual({ previousVisitAt: null, newPosts: 0 });
    expect(anonymousOpen!.json().visit).toBeUndefined();
    expect(authorOpen!.json().visit).toEqual({ previousVisitAt: null, newPosts: 0 });
    expect(readerOpen!.json().items.map((p: { title: string }) => p.title)).toEqual(['Une nouvelle']);
    // The draft community: refused to a member and to an anonymous reader, open to its coordinator.
    expect([readerDraft!.statusCode, anonymousDraft!.statusCode, coordinatorDraft!.statusCode]).toEqual([404, 404, 200]);
    expect(readerDraft!.json().code).toBe('COMMUNITY_NOT_FOUND');
    const { rows } = await app.pool.query('SELECT user_id FROM community_visits WHERE community_id = $1', [draft.id]);
    expect(rows.map((r) => Number(r.user_id))).toEqual([coordinator.user.id]);
  });

  it('answers concurrent « mon fil » of several members in one statement, each with their own communities', async () => {
    const first = await createCommunity(app);
    const second = await createCommunity(app);
    const draft = await createCommunity(app, { status: 'draft' });
    const one = await memberOf(app, first.id);
    const two = await memberOf(app, second.id);
    const coordinator = await memberOf(app, draft.id, 'coordinator');
    await addMember(app, draft.id, one.user.id);
    await publish(first.slug, one.headers, 'Dans la première');
    await publish(second.slug, two.headers, 'Dans la seconde');
    // A draft community takes no post through the API yet: written as an import would.
    await app.pool.query(`INSERT INTO posts (community_id, author_id, title, body_md, body_html, excerpt) VALUES ($1, $2, 'En préparation', 't', '<p>t</p>', 't')`, [draft.id, coordinator.user.id]);
    const mine = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/feed', headers });
    for (const h of [one, two, coordinator]) await mine(h.headers);

    const { answers, texts } = await together([() => mine(one.headers), () => mine(two.headers), () => mine(coordinator.headers), () => mine(one.headers)]);
    expect(texts.filter((t) => /FROM memberships m/.test(t))).toHaveLength(1);
    const titles = answers.map((a) => a.json().items.map((p: { title: string }) => p.title));
    // A member of a draft community sees none of its posts; its coordinator does.
    expect(titles).toEqual([['Dans la première'], ['Dans la seconde'], ['En préparation'], ['Dans la première']]);
  });
});
