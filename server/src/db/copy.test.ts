import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPool } from './client.js';
import { copyObjects } from './copy.js';

const pool = createPool(inject('databaseUrl'), 1);
afterAll(() => pool.end());

describe('copyObjects', () => {
  it('copies text with tabs, newlines and backslashes, NULLs, booleans, numbers and text[] exactly, inside the caller’s transaction', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TEMP TABLE copied (n bigint, t text, b boolean, tags text[], missing text) ON COMMIT DROP');
      const rows = [
        { n: 1, t: 'a\tb\nc\\d\re', b: true, tags: ['x, y', 'guillemet "', 'anti\\slash', '{accolade}', ''] },
        { n: 2, t: null, b: false, tags: [] },
      ];
      await copyObjects(client, 'copied', ['n', 't', 'b', 'tags', 'missing'], rows);
      const { rows: back } = await client.query('SELECT n::int, t, b, tags, missing FROM copied ORDER BY n');
      expect(back).toEqual([{ ...rows[0], missing: null }, { ...rows[1], missing: null }]);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });
});
