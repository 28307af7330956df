import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'tar';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPool } from '../db/client.js';
import { createStorage } from '../lib/storage/index.js';
import { unique } from '../../test/helpers.js';
import { fixtureBundle, OLD, writeBundle, type Bundle } from './exchange.fixtures.js';
import { importBundle } from './import.js';

const pool = createPool(inject('databaseUrl'), 4);
afterAll(() => pool.end());
const dataDir = mkdtempSync(join(tmpdir(), 'ecom-import-data-'));
const storage = createStorage({ dataDir, s3: undefined });
const PUBLIC = 'http://localhost:3000';

const run = (b: Bundle | string, extra: { dryRun?: boolean; strict?: boolean } = {}) =>
  importBundle({ pool, bundle: typeof b === 'string' ? b : writeBundle(b), publicUrl: PUBLIC, storage, uploadTmp: join(dataDir, 'tmp'), batchSize: 2, ...extra });

async function local(source: string, kind: string, id: string): Promise<number> {
  const { rows } = await pool.query('SELECT local_id FROM exchange_mappings WHERE source = $1 AND kind = $2 AND source_id = $3', [source, kind, id]);
  return Number(rows[0].local_id);
}

describe('import of a bundle', () => {
  it('brings every kind in, sanitised, with links to old addresses rewritten, then re-imports as unchanged', async () => {
    const b = fixtureBundle(unique('f'));
    const dir = writeBundle(b);
    const report = await run(dir);
    expect(report.problems).toEqual([]);
    expect(Object.fromEntries(Object.entries(report.kinds).map(([k, v]) => [k, v.inserted]))).toEqual({
      member: 3, community: 2, membership: 4, post: 8, comment: 3, reaction: 2, dossier: 1, attachment: 1,
    });
    const [alice, p1, p2, k2, c1] = [await local(b.source, 'member', 'm1'), await local(b.source, 'post', 'p1'),
      await local(b.source, 'post', 'p2'), await local(b.source, 'comment', 'k2'), await local(b.source, 'community', 'c1')];
    const user = (await pool.query('SELECT password_hash, email_verified_at, imported_at, departement FROM users WHERE id = $1', [alice])).rows[0];
    expect(user).toMatchObject({ password_hash: '!imported', email_verified_at: null, departement: '69' });
    expect(user.imported_at).not.toBeNull();
    // Its first sign-in e-mail waits for the worker's throttled campaign (member-import/welcome.ts).
    expect((await pool.query("SELECT status FROM import_welcomes WHERE user_id = $1", [alice])).rows).toEqual([{ status: 'queued' }]);
    const q = (await pool.query('SELECT body_md, body_html FROM posts WHERE id = $1', [p2])).rows[0];
    expect(q.body_html).not.toMatch(/script|onerror|alert/);
    expect(q.body_md).toBe('Comment **faire** ?');
    const first = (await pool.query('SELECT body_md, tags, comment_count, useful_count FROM posts WHERE id = $1', [p1])).rows[0];
    expect(first.body_md).toContain(`${PUBLIC}/publications/${p2}`);
    expect(first.body_md).toContain(`${PUBLIC}/communautes/`);
    expect(first.body_md).not.toContain(OLD);
    expect(first).toMatchObject({ tags: ['eau', 'régie'], comment_count: 1, useful_count: 1 });
    const question = (await pool.query('SELECT solution_comment_id, answered_at FROM questions WHERE post_id = $1', [p2])).rows[0];
    expect(Number(question.solution_comment_id)).toBe(k2);
    const poll = (await pool.query(`SELECT o.label, count(c.user_id)::int AS n FROM poll_options o LEFT JOIN poll_vote_choices c ON c.option_id = o.id
      WHERE o.poll_id = $1 GROUP BY o.label, o.position ORDER BY o.position`, [await local(b.source, 'post', 'p4')])).rows;
    expect(poll).toEqual([{ label: 'Oui', n: 2 }, { label: 'Non', n: 0 }]);
    const community = (await pool.query('SELECT member_count, post_count FROM communities WHERE id = $1', [c1])).rows[0];
    expect(community).toEqual({ member_count: 3, post_count: 7 });
    const event = (await pool.query('SELECT place FROM events WHERE post_id = $1', [await local(b.source, 'post', 'p3')])).rows[0];
    expect(event.place).toBe('Lyon');
    const lid = (await pool.query('SELECT cnfpt_type FROM posts WHERE id = $1', [await local(b.source, 'post', 'p8')])).rows[0];
    expect(lid.cnfpt_type).toBe('lid');
    expect((await pool.query('SELECT count(*)::int AS n FROM dossier_items WHERE dossier_id = $1', [await local(b.source, 'dossier', 'd1')])).rows[0].n).toBe(2);
    expect((await storage.get((await pool.query('SELECT storage_key FROM attachments WHERE post_id = $1', [p1])).rows[0].storage_key))).not.toBeNull();

    // The search indexes had a pending list while loading (finish.ts): back as migration 0023 made them.
    const { rows: indexes } = await pool.query(
      "SELECT relname, reloptions FROM pg_class WHERE relname IN ('posts_search_period_idx', 'comments_search_period_idx') ORDER BY relname");
    expect(indexes).toEqual([{ relname: 'comments_search_period_idx', reloptions: ['fastupdate=off'] }, { relname: 'posts_search_period_idx', reloptions: ['fastupdate=off'] }]);

    const again = await run(dir);
    expect(again.problems).toEqual([]);
    for (const k of Object.values(again.kinds)) expect(k).toMatchObject({ inserted: 0, updated: 0, kept: 0 });
    expect(again.kinds.comment.unchanged).toBe(3);
    expect(again.linksRewritten).toBe(0);
  });

  it('updates what changed at the source, keeps what was edited here since, and a dry run writes nothing', async () => {
    const b = fixtureBundle(unique('u'));
    await run(b);
    const [p5, p7] = [await local(b.source, 'post', 'p5'), await local(b.source, 'post', 'p7')];
    await pool.query(`UPDATE posts SET title = 'Modifié ici', edited_at = now() + interval '1 second' WHERE id = $1`, [p7]);
    const posts = b.lines['posts.jsonl'] as { id: string; title: string }[];
    posts.find((p) => p.id === 'p5')!.title = 'Nouveau titre à la source';
    posts.find((p) => p.id === 'p7')!.title = 'Changé à la source aussi';
    (b.lines['members.jsonl'] as unknown[]).push({ id: 'm4', email: `dan.${b.source}@exemple.fr`, firstName: 'Dan', lastName: 'Roux', createdAt: '2022-02-01T00:00:00Z' });

    const dry = await run(b, { dryRun: true });
    expect(dry.kinds.member.read).toBe(4);
    expect((await pool.query('SELECT count(*)::int AS n FROM exchange_mappings WHERE source = $1 AND kind = $2', [b.source, 'member'])).rows[0].n).toBe(3);

    const report = await run(b);
    expect(report.kinds.post).toMatchObject({ updated: 1, kept: 1, unchanged: 6 });
    expect(report.kinds.member).toMatchObject({ inserted: 1, unchanged: 3 });
    const titles = (await pool.query('SELECT id, title FROM posts WHERE id = ANY($1::bigint[]) ORDER BY id', [[p5, p7]])).rows.map((r) => r.title);
    expect(titles).toEqual(['Nouveau titre à la source', 'Modifié ici']);
  });

  it('reads a .tar.gz of the bundle folder like the folder', async () => {
    const b = fixtureBundle(unique('t'));
    const dir = writeBundle(b);
    const archive = join(mkdtempSync(join(tmpdir(), 'ecom-archive-')), 'lot.tar.gz');
    await create({ gzip: true, file: archive, cwd: dir }, ['.']);
    const report = await run(archive, { dryRun: true });
    expect(report.problems).toEqual([]);
    expect(report.kinds.attachment).toMatchObject({ read: 1, rejected: 0 });
    expect(report.kinds.post.read).toBe(8);
  });
});
