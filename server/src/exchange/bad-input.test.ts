import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPool } from '../db/client.js';
import { createStorage } from '../lib/storage/index.js';
import { unique } from '../../test/helpers.js';
import { fixtureBundle, writeBundle, type Bundle } from './exchange.fixtures.js';
import { importBundle } from './import.js';
import { ExchangeError } from './errors.js';

const pool = createPool(inject('databaseUrl'), 4);
afterAll(() => pool.end());
const dataDir = mkdtempSync(join(tmpdir(), 'ecom-bad-data-'));
const storage = createStorage({ dataDir, s3: undefined });
const run = (b: Bundle, extra: { dryRun?: boolean; strict?: boolean } = {}) =>
  importBundle({ pool, bundle: writeBundle(b), publicUrl: 'http://localhost:3000', storage, uploadTmp: join(dataDir, 'tmp'), ...extra });

/** The fixture with one bad line of each kind appended (line numbers follow the fixture's own lines). */
function badBundle(suffix: string): Bundle {
  const b = fixtureBundle(suffix);
  const push = (file: string, ...lines: unknown[]) => (b.lines[file] as unknown[]).push(...lines);
  const fake = Buffer.from('%PDF-1.4 pas vraiment');
  push('members.jsonl',
    '{"id": "m9", "email": ',
    { id: 'm5', email: `ALICE.${suffix}@EXEMPLE.FR`, firstName: 'Alice', lastName: 'Bis', createdAt: '2022-01-01T00:00:00Z' },
    { id: 'm6', email: `jose\u0301.${suffix}@exemple.fr`, firstName: 'José', lastName: 'Un', createdAt: '2022-01-01T00:00:00Z' },
    { id: 'm7', email: `jos\u00e9.${suffix}@exemple.fr`, firstName: 'José', lastName: 'Deux', createdAt: '2022-01-01T00:00:00Z' },
    { id: 'm8', email: `date.${suffix}@exemple.fr`, firstName: 'Date', lastName: 'Impossible', createdAt: '2023-02-30T10:00:00Z' });
  push('memberships.jsonl', { community: 'c1', member: 'inconnu', role: 'member', joinedAt: '2022-01-05T00:00:00Z' });
  push('posts.jsonl', { id: 'p1', community: 'c1', author: 'm1', kind: 'discussion', title: 'Doublon', body: { format: 'markdown', content: 'x' }, createdAt: '2022-01-05T00:00:00Z' },
    { id: 'p9', community: 'c1', author: 'm1', kind: 'evenement', title: 'À l’envers', body: { format: 'markdown', content: 'x' }, createdAt: '2022-01-05T00:00:00Z',
      event: { startsAt: '2022-03-02T10:00:00Z', endsAt: '2022-03-01T10:00:00Z', allDay: false } });
  push('comments.jsonl', { id: 'k9', post: 'p404', author: 'm1', body: { format: 'markdown', content: 'x' }, createdAt: '2022-01-05T00:00:00Z' });
  push('attachments.jsonl',
    { id: 'a2', post: 'p1', uploader: 'm1', sha256: 'a'.repeat(64), mime: 'image/png', size: 10, name: 'absent.png', alt: 'x', format: 'image', createdAt: '2022-01-05T00:00:00Z' },
    { id: 'a3', post: 'p1', uploader: 'm1', sha256: 'b'.repeat(64), mime: 'application/pdf', size: fake.length, name: 'faux.pdf', alt: '', format: 'document', createdAt: '2022-01-05T00:00:00Z' },
    // Checked while the first line's file is still being read (attachment lines are checked several at a time).
    (b.lines['attachments.jsonl'] as unknown[])[0]);
  b.files['b'.repeat(64)] = fake;
  return b;
}

describe('bad input', () => {
  it('reports each problem with file, line and reason, and imports the rest', async () => {
    const b = badBundle(unique('b'));
    const report = await run(b);
    const problems = report.problems.map((p) => `${p.file}:${p.line} ${p.reason}`);
    expect(problems).toEqual([
      'members.jsonl:4 JSON mal formé',
      expect.stringMatching(/^members\.jsonl:5 adresse électronique .* déjà portée par le membre m1/),
      expect.stringMatching(/^members\.jsonl:7 adresse électronique .* déjà portée par le membre m6/),
      expect.stringMatching(/^members\.jsonl:8 \/createdAt : valeur invalide \(format date-time : date impossible/),
      'memberships.jsonl:5 référence inconnue dans member : inconnu',
      'posts.jsonl:9 identifiant en double : p1',
      'posts.jsonl:10 la fin de l’événement précède son début',
      'comments.jsonl:4 référence inconnue dans post : p404',
      `attachments.jsonl:2 fichier files/${'a'.repeat(64)} absent`,
      `attachments.jsonl:3 fichier files/${'b'.repeat(64)} corrompu (empreinte SHA-256 différente)`,
      'attachments.jsonl:4 identifiant en double : a1',
    ]);
    expect(report.kinds.member).toMatchObject({ read: 8, rejected: 4, inserted: 4 });
    expect(report.kinds.post).toMatchObject({ inserted: 8, rejected: 2 });
    // Nothing of a refused line was written, and a partial entity never exists.
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM users WHERE email ILIKE $1', [`%${b.source.slice(7)}%`]);
    expect(rows[0].n).toBe(4);
  });

  it('--strict stops before writing anything; --dry-run reports the same problems and writes nothing', async () => {
    const b = badBundle(unique('s'));
    const strict = await run(b, { strict: true });
    expect(strict.stopped).toBe(true);
    expect(strict.problems).toHaveLength(11);
    const dry = await run(b, { dryRun: true });
    expect(dry.problems.map((p) => `${p.file}:${p.line}`)).toEqual(strict.problems.map((p) => `${p.file}:${p.line}`));
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM exchange_mappings WHERE source = $1', [b.source]);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a bundle of a format version it does not know, as a whole', async () => {
    const b = { ...fixtureBundle(unique('v')), version: 99 };
    await expect(run(b)).rejects.toThrow(new ExchangeError('version de format 99 inconnue de cette version de la plateforme (elle lit la version 1).'));
  });
});
