/**
 * `npm run bench:import`: generates a bundle at the scale (BENCH_IMPORT_SCALE, 1 = 220,000 members,
 * 40 communities, 300,000 memberships, 200,000 posts, 800,000 comments, 20,000 attachments), then times on a new
 * database an import, a second import of the same bundle (must change 0 rows) and a dry run, each as a real
 * `npm run import` process whose peak RSS is read from /usr/bin/time. Figures go in docs/bench.md.
 * BENCH_DATABASE_SERVER (default postgres://postgres@127.0.0.1:5432/postgres) is where the database is created.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateBundle, scaled } from './import-bundle.js';

const factor = Number(process.env.BENCH_IMPORT_SCALE ?? 1);
const server = process.env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `ecom_bench_import_${Date.now()}`;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  await c.query(sql);
  await c.end();
}

/** Runs `npm run import` under /usr/bin/time -v: wall time, peak RSS, exit code and the changed-rows summary. */
function timedImport(bundle: string, url: string, dataDir: string, args: string[]): Promise<{ seconds: number; rssMb: number; code: number; output: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('/usr/bin/time', ['-v', join(process.cwd(), 'node_modules/.bin/tsx'), 'server/src/exchange/cli.ts', 'import', bundle, ...args], {
      env: { ...process.env, DATABASE_URL: url, DATA_DIR: dataDir, PUBLIC_URL: 'http://localhost:3000' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    // Progress lines (« … membres : 12 000/220 000 ») are shown as they come; the summary is printed at the end.
    const relay = (d: Buffer) => {
      output += d;
      for (const line of String(d).split('\n')) if (line.startsWith('    … ')) console.log(line);
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.on('exit', (code) => {
      const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(output)?.[1] ?? 0);
      resolve({ seconds: (Date.now() - started) / 1000, rssMb: Math.round(kb / 1024), code: code ?? -1, output });
    });
  });
}

const scale = scaled(factor);
const bundle = mkdtempSync(join(tmpdir(), 'ecom-bench-bundle-'));
const dataDir = mkdtempSync(join(tmpdir(), 'ecom-bench-data-'));
console.log(`Échelle ${factor} : ${JSON.stringify(scale)} ; charge moyenne ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
let t = Date.now();
await generateBundle(bundle, scale);
console.log(`Lot généré en ${((Date.now() - t) / 1000).toFixed(0)} s dans ${bundle}`);
await admin(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
try {
  // Migrations first, timed apart: the import command applies them too, but finds nothing left to do.
  t = Date.now();
  const { createDb, createPool } = await import('../server/src/db/client.js');
  const { runMigrations } = await import('../server/src/db/migrate.js');
  const pool = createPool(url.toString(), 2);
  await runMigrations(createDb(pool));
  await pool.end();
  console.log(`Migrations : ${((Date.now() - t) / 1000).toFixed(0)} s`);
  for (const [label, args] of [['import', []], ['second import', []], ['dry run', ['--dry-run']]] as const) {
    const r = await timedImport(bundle, url.toString(), dataDir, [...args]);
    console.log(`${label} : ${r.seconds.toFixed(0)} s, RSS max ${r.rssMb} Mo, code ${r.code} ; charge ${loadavg()[0]!.toFixed(1)}`);
    for (const line of r.output.split('\n').filter((l) => /^ {2}\S/.test(l) || /Échec|problème/.test(l))) console.log(`  ${line.trim()}`);
  }
} finally {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  rmSync(bundle, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
