import { afterAll, describe, expect, it } from 'vitest';
import { unique, useTestApp } from '../../../test/helpers.js';
import { normalized } from './queries.js';
import { isRareQuery } from './rarity.js';

/**
 * The decision rests on the planner's statistics, which the shared test tables are too small to hold (every
 * estimate rounds to one row): a table of its own, with 30,000 texts, stands in for posts and comments.
 */
describe('rare or frequent query', async () => {
  const { app } = await useTestApp();
  const table = unique('search_rarity').toLowerCase().replace(/[^a-z0-9_]/g, '_');
  await app.pool.query(`CREATE TABLE ${table} (search_vector tsvector NOT NULL, deleted_at timestamptz)`);
  // « budget » in a third of the texts, « habitat » in one in twenty, each text with words of its own besides.
  await app.pool.query(`
    INSERT INTO ${table} (search_vector)
    SELECT to_tsvector('public.french_unaccent', concat_ws(' ', CASE WHEN g % 3 = 0 THEN 'budget' END,
             CASE WHEN g % 20 = 0 THEN 'habitat' END, 'note', 'mot' || g, 'autre' || (g % 5000)))
      FROM generate_series(1, 30000) g`);
  await app.pool.query(`ANALYZE ${table}`);
  afterAll(() => app.pool.query(`DROP TABLE ${table}`));

  const rare = (q: string) => isRareQuery(app.db, q, normalized(q), [table]);

  it('calls rare a word the statistics do not track, and one found nowhere', async () => {
    expect(await rare('mot123')).toBe(true);
    expect(await rare('introuvable')).toBe(true);
    // All words required: one rare word makes the whole query rare.
    expect(await rare('budget introuvable')).toBe(true);
  });

  it('calls frequent a common word, or any of several words', async () => {
    expect(await rare('budget')).toBe(false);
    expect(await rare('habitat')).toBe(false);
    expect(await rare('introuvable or budget')).toBe(false);
  });

});
