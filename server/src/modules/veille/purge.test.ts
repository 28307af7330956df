import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { useTestApp } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { memberOf } from '../posts/posts.fixtures.js';
import { jobDefinitions } from '../../jobs/definitions.js';
import { JOBS_VEILLE } from './jobs.js';
import { purgeVeilleItems } from './purge.js';

/**
 * Retention of the veille inbox: old dismissed and never-acted-upon items go, recent ones and
 * published ones stay, in batches, and a second run (or a second worker) deletes nothing more.
 * The test database is shared: every assertion is about this test's own items.
 */
describe('veille purge', async () => {
  const { app } = await useTestApp();
  const RETENTION = 90;

  async function scene() {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const { rows: [source] } = await app.pool.query<{ id: number }>(
      // Never due: the poll job of another test file must not pick it up.
      `INSERT INTO veille_sources (community_id, url, title, next_poll_at) VALUES ($1, $2, 'Source', 'infinity') RETURNING id`,
      [community.id, `https://purge.example/${community.slug}/feed`]);
    let n = 0;
    const add = async (status: 'new' | 'dismissed' | 'published', ageDays: number) => {
      n += 1;
      let postId: number | null = null;
      if (status === 'published') {
        const { rows } = await app.pool.query<{ id: number }>(
          `INSERT INTO posts (community_id, author_id, kind, title, body_md, body_html, link_url)
           VALUES ($1, $2, 'veille', $3, 'Commentaire', '<p>Commentaire</p>', $4) RETURNING id`,
          [community.id, animator.user.id, `Publié ${n}`, `https://purge.example/${community.slug}/${n}`]);
        postId = rows[0]!.id;
      }
      const { rows } = await app.pool.query<{ id: number }>(
        `INSERT INTO veille_items (source_id, community_id, guid, link, title, status, post_id, decided_at, fetched_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $6 = 'new' THEN NULL ELSE now() END, now() - make_interval(days => $8))
         RETURNING id`,
        [source!.id, community.id, `g${n}`, `https://purge.example/${community.slug}/${n}`, `Article ${n}`, status, postId, ageDays]);
      return rows[0]!.id;
    };
    const remaining = async () => (await app.pool.query<{ id: number }>(
      'SELECT id FROM veille_items WHERE community_id = $1 ORDER BY id', [community.id])).rows.map((r) => r.id);
    return { community, animator, add, remaining };
  }

  it('deletes old dismissed and undecided items in batches, keeps recent and published ones, and a second run is a no-op', async () => {
    const { community, animator, add, remaining } = await scene();
    const old = [
      await add('dismissed', RETENTION + 1), await add('new', RETENTION + 1), await add('dismissed', 400), await add('new', 200),
      await add('new', RETENTION + 30),
    ];
    const kept = [
      await add('published', 400), await add('published', RETENTION + 1),
      await add('dismissed', RETENTION - 1), await add('new', 3), await add('dismissed', 0),
    ];
    const inbox = async () => (await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/veille/inbox?limit=50`, headers: animator.headers }))
      .json().items.map((i: { id: number }) => i.id).sort((a: number, b: number) => a - b);
    expect(await inbox()).toEqual([old[1]!, old[3]!, old[4]!, kept[3]!].sort((a, b) => a - b));

    // Batches of 2: other tests' old items may be deleted too, so only "at least ours, in several batches".
    const first = await purgeVeilleItems(app.db, { retentionDays: RETENTION, batchSize: 2 });
    expect(first.deleted).toBeGreaterThanOrEqual(old.length);
    expect(first.batches).toBeGreaterThanOrEqual(3);
    expect(await remaining()).toEqual(kept);
    // The published items still lead to their posts.
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM veille_items WHERE id = ANY($1) AND post_id IS NOT NULL', [kept.slice(0, 2)]);
    expect(rows[0].n).toBe(2);
    expect(await inbox()).toEqual([kept[3]]);

    const second = await purgeVeilleItems(app.db, { retentionDays: RETENTION, batchSize: 2 });
    expect(second).toEqual({ deleted: 0, batches: 1 });
    expect(await remaining()).toEqual(kept);
  });

  it('two workers running it together delete each item once, without error', async () => {
    const { add, remaining } = await scene();
    const old = await Promise.all(Array.from({ length: 12 }, (_, i) => add(i % 2 ? 'new' : 'dismissed', RETENTION + 5 + i)));
    const recent = await add('new', 1);
    const runs = await Promise.all([0, 1].map(() => purgeVeilleItems(app.db, { retentionDays: RETENTION, batchSize: 3 })));
    expect(runs[0]!.deleted + runs[1]!.deleted).toBeGreaterThanOrEqual(old.length);
    expect(await remaining()).toEqual([recent]);
  });

  it('an item being decided is left alone until the next run', async () => {
    const { add, remaining } = await scene();
    const busy = await add('new', RETENTION + 10);
    const client = await app.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT 1 FROM veille_items WHERE id = $1 FOR UPDATE', [busy]);
      await purgeVeilleItems(app.db, { retentionDays: RETENTION });
      expect(await remaining()).toEqual([busy]);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
    await purgeVeilleItems(app.db, { retentionDays: RETENTION });
    expect(await remaining()).toEqual([]);
  });

  it('is a daily job with the configured retention, 90 days by default and never under the 12 weeks shown', async () => {
    const def = jobDefinitions.find((d) => d.name === JOBS_VEILLE.purge);
    expect(def).toMatchObject({ cron: '40 3 * * *', policy: 'stately' });
    expect(loadConfig({ DATA_DIR: '/tmp/ecommunautes-purge-test', APP_SECRET: 'x' } as NodeJS.ProcessEnv, []).veilleRetentionDays).toBe(90);
    expect(loadConfig({ DATA_DIR: '/tmp/ecommunautes-purge-test', APP_SECRET: 'x', VEILLE_RETENTION_DAYS: '120' } as NodeJS.ProcessEnv, []).veilleRetentionDays).toBe(120);
    expect(() => loadConfig({ DATA_DIR: '/tmp/ecommunautes-purge-test', APP_SECRET: 'x', VEILLE_RETENTION_DAYS: '30' } as NodeJS.ProcessEnv, []))
      .toThrow(/VEILLE_RETENTION_DAYS/);

    // Through the job's handler, with a configuration keeping 200 days.
    const { add, remaining } = await scene();
    const kept = await add('dismissed', 150);
    await add('dismissed', 250);
    const logs: string[] = [];
    await def!.handler({}, { db: app.db, pool: app.pool, log: (m) => logs.push(m), config: { ...app.config, veilleRetentionDays: 200 } });
    expect(await remaining()).toEqual([kept]);
    expect(logs.join('\n')).toMatch(/plus de 200 jours supprimé/);
  });
});
