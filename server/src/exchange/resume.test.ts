import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBundle, scaled } from '../../../bench/import-bundle.js';
import { freshDatabase } from './exchange.fixtures.js';

let db: Awaited<ReturnType<typeof freshDatabase>>;
const bundle = mkdtempSync(join(tmpdir(), 'ecom-resume-bundle-'));
const scale = scaled(0.005);
beforeAll(async () => {
  db = await freshDatabase('resume');
  await generateBundle(bundle, scale);
}, 120_000);
afterAll(() => db?.drop());

/** `npm run import` as a real process, as an operator runs it. */
function importProcess() {
  const child = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), ['server/src/exchange/cli.ts', 'import', bundle], {
    env: { ...process.env, DATABASE_URL: db.url, DATA_DIR: mkdtempSync(join(tmpdir(), 'ecom-resume-data-')), PUBLIC_URL: 'http://localhost:3000' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, output: () => output };
}

const count = async (sql: string) => Number((await db.pool.query(sql)).rows[0].n);

describe('an import killed with SIGKILL', () => {
  it('is finished by a second run, with no duplicate and no half-written entity', async () => {
    // The import is held after its first batch of comments: the second batch waits on a lock this test holds, so the
    // kill lands in the middle of the largest file every time (polling alone raced a fast machine, where the whole
    // file was in before the kill came).
    const gate = await db.pool.connect();
    await gate.query('SELECT pg_advisory_lock(4242)');
    await db.pool.query(`
      CREATE FUNCTION hold_later_comment_batches() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM exchange_mappings WHERE kind = 'comment') THEN PERFORM pg_advisory_xact_lock_shared(4242); END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER hold_later_comment_batches BEFORE INSERT ON comments FOR EACH ROW EXECUTE FUNCTION hold_later_comment_batches()`);
    const first = importProcess();
    for (let i = 0; i < 1200; i += 1) {
      if (await count(`SELECT count(*) AS n FROM exchange_mappings WHERE kind = 'comment'`) > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // The whole process group: tsx runs the import in a child process of its own, which a kill of tsx alone leaves running.
    process.kill(-first.child.pid!, 'SIGKILL');
    await first.exit;
    // Let the held batch go: its connection is gone, so PostgreSQL rolls it back.
    await gate.query('SELECT pg_advisory_unlock(4242)');
    gate.release();
    await db.pool.query('DROP TRIGGER hold_later_comment_batches ON comments; DROP FUNCTION hold_later_comment_batches()');
    const before = await count(`SELECT count(*) AS n FROM comments`);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(scale.comments);

    const second = importProcess();
    expect(await second.exit, second.output()).toBe(0);
    expect(await count('SELECT count(*) AS n FROM users')).toBe(scale.members);
    expect(await count('SELECT count(DISTINCT lower(email)) AS n FROM users')).toBe(scale.members);
    expect(await count('SELECT count(*) AS n FROM posts')).toBe(scale.posts);
    expect(await count('SELECT count(*) AS n FROM comments')).toBe(scale.comments);
    expect(await count('SELECT count(*) AS n FROM attachments')).toBe(scale.attachments);
    // Every entity is whole: each mapping has its row, each poll its options, each event its dates, each question its row.
    expect(await count(`SELECT count(*) AS n FROM exchange_mappings m WHERE m.kind = 'comment' AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.id = m.local_id)`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM posts p WHERE p.kind = 'sondage' AND (SELECT count(*) FROM poll_options o WHERE o.poll_id = p.id) <> 2`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM posts p WHERE p.kind = 'evenement' AND NOT EXISTS (SELECT 1 FROM events e WHERE e.post_id = p.id)`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM posts p WHERE p.kind = 'question' AND NOT EXISTS (SELECT 1 FROM questions q WHERE q.post_id = p.id)`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM posts p WHERE p.comment_count <> (SELECT count(*) FROM comments c WHERE c.post_id = p.id)`)).toBe(0);
    expect(second.output()).toMatch(/commentaires : [\d\u202f]+ lues, [\d\u202f]+ ajoutées, 0 mises à jour, [\d\u202f]+ inchangées/);
  }, 600_000);
});
