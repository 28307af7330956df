import { describe, expect, it } from 'vitest';
import { CONTRIBUTION_SOURCES } from '../../../../common/contributions.js';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { memberOf } from '../posts/posts.fixtures.js';
import { countContributions } from './families.js';
import {
  insertComment, insertDossier, insertEvent, insertModeration, insertPoll, insertPost, type Expected,
} from './steering.fixtures.js';
import { parisMonthNow } from '../../../../common/time/index.js';

describe('contribution accounting', async () => {
  const { app } = await useTestApp();

  it('counts each source once, in its family, by Paris month, for the community staff only', async () => {
    const c = await createCommunity(app);
    const other = await createCommunity(app);
    const animator = (await memberOf(app, c.id, 'animator')).user.id;
    const coordinator = (await memberOf(app, c.id, 'coordinator')).user.id;
    const member = (await memberOf(app, c.id, 'member')).user.id;
    const expected: Expected[] = [];
    const post = async (kind: string, who: number, at: string, source: Expected['source'] | null) => {
      const id = await insertPost(app, c.id, who, kind, at);
      if (source) expected.push({ source, userId: who, at });
      return id;
    };

    // Summer (UTC+2): 23:30 UTC on 31 July is 1 August in Paris; 22:30 UTC on 31 August is 1 September.
    await post('veille', animator, '2025-07-31T23:30:00Z', 'veille_post');
    await post('veille', animator, '2025-08-31T22:30:00Z', 'veille_post');
    await post('veille', animator, '2025-07-31T21:30:00Z', 'veille_post');
    await post('partage', animator, '2025-08-10T10:00:00Z', 'partage');
    const ev = await post('evenement', animator, '2025-08-02T10:00:00Z', 'event_added');
    await insertEvent(app, c.id, ev, '2025-08-02T10:00:00Z', '2025-08-20T09:00:00Z');
    expected.push({ source: 'event_updated', userId: animator, at: '2025-08-20T09:00:00Z' });
    const ev2 = await post('evenement', coordinator, '2025-08-03T10:00:00Z', 'event_added');
    await insertEvent(app, c.id, ev2, '2025-08-03T10:00:00Z', '2025-08-03T10:00:00Z'); // never updated
    await post('ressource', coordinator, '2025-08-05T10:00:00Z', 'ressource');
    await post('article', animator, '2025-08-06T10:00:00Z', 'article');
    const poll = await post('sondage', animator, '2025-08-07T10:00:00Z', 'poll_launch');
    // The results post is an article: counted once, as published results.
    const results = await post('article', animator, '2025-08-25T10:00:00Z', 'poll_results');
    await insertPoll(app, c.id, poll, '2025-08-07T10:00:00Z', results);
    await insertDossier(app, c.id, coordinator, '2025-08-08T10:00:00Z');
    expected.push({ source: 'dossier', userId: coordinator, at: '2025-08-08T10:00:00Z' });

    const question = await post('question', member, '2025-08-09T08:00:00Z', null);
    const discussion = await post('discussion', member, '2025-08-09T08:00:00Z', null);
    await insertComment(app, question, animator, '2025-08-09T09:00:00Z');
    expected.push({ source: 'question_answer', userId: animator, at: '2025-08-09T09:00:00Z' });
    await insertComment(app, discussion, animator, '2025-08-09T10:00:00Z');
    expected.push({ source: 'relaunch_reply', userId: animator, at: '2025-08-09T10:00:00Z' });
    await insertComment(app, discussion, member, '2025-08-09T11:00:00Z'); // a member: not counted
    await insertModeration(app, c.id, coordinator, discussion, '2025-08-11T10:00:00Z');
    expected.push({ source: 'moderation_action', userId: coordinator, at: '2025-08-11T10:00:00Z' });

    // Not counted: a member's article, a deleted post, the animator's post in another community.
    await post('article', member, '2025-08-12T10:00:00Z', null);
    await insertPost(app, c.id, animator, 'article', '2025-08-12T10:00:00Z', { deleted: true });
    await insertPost(app, other.id, animator, 'veille', '2025-08-12T10:00:00Z');

    const counted = await countContributions(app.db, c.id, '2025-07', 3);
    const key = (userId: number, source: string, month: string) => `${userId}|${source}|${month}`;
    const want = new Map<string, number>();
    for (const e of expected) {
      const k = key(e.userId, e.source, parisMonthNow(new Date(e.at)));
      want.set(k, (want.get(k) ?? 0) + 1);
    }
    const got = new Map(counted.map((r) => [key(r.userId, r.source, r.month), r.count]));
    expect(got).toEqual(want);
    // Spot checks of the boundaries, read from the fixture rather than recomputed.
    expect(got.get(key(animator, 'veille_post', '2025-07'))).toBe(1);
    expect(got.get(key(animator, 'veille_post', '2025-08'))).toBe(1);
    expect(got.get(key(animator, 'veille_post', '2025-09'))).toBe(1);
    expect(got.get(key(animator, 'article', '2025-08'))).toBe(1);
    // Every row carries the family its source is defined in.
    for (const r of counted) expect(r.family).toBe(CONTRIBUTION_SOURCES.find((s) => s.code === r.source)!.family);
    // A single month and a single animator.
    const august = await countContributions(app.db, c.id, '2025-08', 1, animator);
    expect(august.every((r) => r.month === '2025-08' && r.userId === animator)).toBe(true);
    expect(august.reduce((s, r) => s + r.count, 0)).toBe(
      expected.filter((e) => e.userId === animator && parisMonthNow(new Date(e.at)) === '2025-08').length,
    );
  });
});
