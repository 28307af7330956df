import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/helpers.js';
import { createCommunity } from '../../test/community-factories.js';
import { memberOf } from '../modules/posts/posts.fixtures.js';
import { jobDefinitions, JOBS } from './definitions.js';
import { JobRunner, type JobDefinition } from './runner.js';

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('condition not met in time');
}

describe('job runner (pg-boss)', async () => {
  const { app } = await useTestApp();
  const log = () => {};

  it('starts, works a job sent by another (web-only) runner, and stops cleanly', async () => {
    const seen: number[] = [];
    const echo: JobDefinition<{ n: number }> = { name: `test-echo-${process.pid}`, handler: async (data) => { seen.push(data.n); } };
    const worker = await JobRunner.start({ db: app.db, pool: app.pool, log, definitions: [echo], work: true, pollingIntervalSeconds: 0.5 });
    const sender = await JobRunner.start({ db: app.db, pool: app.pool, log, definitions: [echo], work: false });
    await sender.send(echo.name, { n: 42 });
    await until(async () => seen.includes(42));
    await sender.stop();
    await worker.stop();
    // Stopped: a job sent now is not worked.
    const later = await JobRunner.start({ db: app.db, pool: app.pool, log, definitions: [echo], work: false });
    await later.send(echo.name, { n: 7 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen).toEqual([42]);
    await later.stop();
  });

  it('publishes a scheduled post through the real job definitions, once, even with two workers', async () => {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const res = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/planned-posts`, headers: animator.headers,
      payload: { title: 'Par la tâche', body: 'Texte', plannedAt: new Date(Date.now() + 3_600_000).toISOString(), status: 'scheduled' },
    });
    const id = res.json().id as number;
    await app.pool.query(`UPDATE planned_posts SET planned_at = now() - interval '1 second' WHERE id = $1`, [id]);
    const defs = jobDefinitions.filter((d) => d.name === JOBS.publishPlannedPost);
    const [w1, w2] = await Promise.all([0, 1].map(() =>
      JobRunner.start({ db: app.db, pool: app.pool, log, definitions: defs, work: true, pollingIntervalSeconds: 0.5 })));
    // Delivered twice on purpose (as a retry or a duplicate would): still one post.
    await w1!.send(JOBS.publishPlannedPost, { plannedPostId: id });
    await w2!.send(JOBS.publishPlannedPost, { plannedPostId: id }, { singletonKey: `other-${id}` });
    await until(async () => (await app.pool.query(`SELECT 1 FROM planned_posts WHERE id = $1 AND status = 'published'`, [id])).rows.length === 1);
    await new Promise((r) => setTimeout(r, 1500));
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM posts WHERE community_id = $1', [community.id]);
    expect(rows[0].n).toBe(1);
    await Promise.all([w1!.stop(), w2!.stop()]);
  });
});
