import { describe, expect, it } from 'vitest';
import { unique, useTestApp } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { jobDefinitions } from '../../jobs/definitions.js';
import { memberOf } from '../posts/posts.fixtures.js';
import { JOBS_CNFPT } from './jobs.js';
import { purgeCnfptItems } from './purge.js';

/**
 * Retention of the national CNFPT catalogue: old items no community promoted go (with the « écartée » decisions),
 * promoted and recent ones stay, and a second run deletes nothing more. The test database is shared: every
 * assertion is about this test's own source.
 */
describe('CNFPT catalogue purge', async () => {
  const { app } = await useTestApp();
  const RETENTION = 90;

  async function scene() {
    const key = unique('purge');
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    // Never due: the poll job of another test file must not pick it up.
    const { rows: [source] } = await app.pool.query<{ id: number }>(
      `INSERT INTO cnfpt_sources (url, title, resource_type, next_poll_at) VALUES ($1, 'Catalogue', 'formation', 'infinity') RETURNING id`,
      [`https://cnfpt.example/${key}/feed`]);
    let n = 0;
    const add = async (decision: 'promoted' | 'dismissed' | null, ageDays: number) => {
      n += 1;
      const { rows: [item] } = await app.pool.query<{ id: number }>(
        `INSERT INTO cnfpt_items (source_id, guid, link, title, fetched_at)
         VALUES ($1, $2, $3, $4, now() - make_interval(days => $5)) RETURNING id`,
        [source!.id, `g${n}`, `https://cnfpt.example/${key}/${n}`, `Formation ${n}`, ageDays]);
      if (decision) {
        await app.pool.query(
          `INSERT INTO cnfpt_item_decisions (community_id, item_id, status, decided_by) VALUES ($1, $2, $3, $4)`,
          [community.id, item!.id, decision, animator.user.id]);
      }
      return item!.id;
    };
    const remaining = async () => (await app.pool.query<{ id: number }>(
      'SELECT id FROM cnfpt_items WHERE source_id = $1 ORDER BY id', [source!.id])).rows.map((r) => r.id);
    return { add, remaining };
  }

  it('deletes old items nobody promoted, keeps promoted and recent ones, and a second run is a no-op', async () => {
    const { add, remaining } = await scene();
    const old = [await add(null, RETENTION + 1), await add('dismissed', 400)];
    const kept = [await add('promoted', 400), await add(null, RETENTION - 1), await add('dismissed', 2)];
    const first = await purgeCnfptItems(app.db, { retentionDays: RETENTION });
    expect(first.deleted).toBeGreaterThanOrEqual(old.length);
    expect(await remaining()).toEqual(kept);
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM cnfpt_item_decisions WHERE item_id = ANY($1)', [old]);
    expect(rows[0].n).toBe(0);
    expect(await purgeCnfptItems(app.db, { retentionDays: RETENTION })).toEqual({ deleted: 0 });
    expect(await remaining()).toEqual(kept);
  });

  it('is a daily job keeping the veille retention', async () => {
    const def = jobDefinitions.find((d) => d.name === JOBS_CNFPT.purge);
    expect(def).toMatchObject({ cron: '50 3 * * *', policy: 'stately' });
    const { add, remaining } = await scene();
    const kept = await add(null, 150);
    await add(null, 250);
    const logs: string[] = [];
    await def!.handler({}, { db: app.db, pool: app.pool, log: (m) => logs.push(m), config: { ...app.config, veilleRetentionDays: 200 } });
    expect(await remaining()).toEqual([kept]);
    expect(logs.join('\n')).toMatch(/de plus de 200 jours, supprimée/);
  });
});
