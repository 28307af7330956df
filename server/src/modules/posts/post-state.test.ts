import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { act } from '../moderation/moderation.fixtures.js';
import { memberOf } from './posts.fixtures.js';

/**
 * The post's state, the post page's one statement, is asked for by many readers at once under load: the calls of one
 * turn share one statement, and each reader still gets their own answer (role, « utile », reading, refusal).
 */
describe('post states read together', async () => {
  const { app } = await useTestApp();

  it('answers concurrent readers of several posts in one statement, each with their own state', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const fan = await memberOf(app, community.id);
    const other = await memberOf(app, community.id);
    const animator = await memberOf(app, community.id, 'animator');
    const publish = async (title: string) => {
      const res = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: author.headers, payload: { title, body: 'Le texte.' } });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: number }).id;
    };
    const shown = await publish('Visible');
    const hidden = await publish('Masquée');
    expect((await app.inject({ method: 'PUT', url: `/api/posts/${shown}/useful`, headers: fan.headers })).statusCode).toBe(200);
    expect((await act(app, 'post', hidden, animator.headers, { action: 'hide', reasonCode: 'spam', message: 'Hors charte' })).statusCode).toBeLessThan(300);
    const get = (id: number, headers?: Record<string, string>) => app.inject({ method: 'GET', url: `/api/posts/${id}`, ...(headers ? { headers } : {}) });
    // Sessions and pages warm, so that every request below reaches the state in the same turn.
    for (const h of [author, fan, other, animator]) await get(shown, h.headers);
    await get(hidden, author.headers);

    const texts: string[] = [];
    const original = app.pool.query.bind(app.pool);
    (app.pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const q = args[0] as string | { text: string };
      texts.push(typeof q === 'string' ? q : q.text);
      return (original as (...a: unknown[]) => unknown)(...args);
    };
    let answers;
    try {
      answers = await Promise.all([
        get(shown, fan.headers), get(shown, other.headers), get(shown), get(shown, fan.headers),
        get(hidden, other.headers), get(hidden, author.headers), get(hidden, animator.headers),
      ]);
    } finally {
      (app.pool as unknown as { query: unknown }).query = original;
    }
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
});
