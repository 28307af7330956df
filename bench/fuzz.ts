/**
 * The long run of the API fuzzer (issue 12: at least 30,000 requests, 0 responses 5xx).
 *
 *   npm run fuzz -- [requests] [seed]          (default 30000 requests, a random seed)
 *
 * Every OpenAPI operation in turn, valid and hostile input, as anonymous, member, animator of another
 * community, animator, coordinator and national team (server/test/security/). It runs on a database of
 * its own, created on TEST_DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres)
 * and dropped at the end. Prints the seed first: `npm run fuzz -- 30000 <seed>` replays the run.
 * Exits 1 on any 5xx or unanswered request, listing them.
 */
import cliProgress from 'cli-progress';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { loadConfig, type Config } from '../server/src/config.js';
import { buildApp } from '../server/src/app.js';
import { createDb, createPool } from '../server/src/db/client.js';
import { runMigrations } from '../server/src/db/migrate.js';
import { createMailer } from '../server/src/modules/mail/service.js';
import { describeFailure, fuzz } from '../server/test/security/fuzz.js';

const requests = Number(process.argv[2] ?? 30_000);
const seed = Number(process.argv[3] ?? Math.floor(Math.random() * 2 ** 31));
if (!Number.isSafeInteger(requests) || requests < 1 || !Number.isSafeInteger(seed)) {
  console.error('Usage : npm run fuzz -- [nombre de requêtes] [graine]');
  process.exit(2);
}
console.log(`Fuzz de l’API : ${requests} requêtes, graine ${seed} (rejouer : npm run fuzz -- ${requests} ${seed})`);

const server = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `ecom_fuzz_${Date.now()}_${process.pid}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;

const config: Config = {
  ...loadConfig({ PUBLIC_URL: 'http://localhost:3000' } as NodeJS.ProcessEnv, []),
  databaseUrl: url.toString(), logLevel: 'silent', seedDemo: false, rateLimitFactor: 1_000_000, smtpUrl: undefined,
  dataDir: `/tmp/${name}`,
};
const pool = createPool(config.databaseUrl!, 5);
const db = createDb(pool);
let exitCode: number;
try {
  await runMigrations(db);
  const mailer = createMailer(db, undefined, config.mailFrom, () => {});
  const app = await buildApp(config, { db, pool, mailer });
  await app.ready();
  const bar = new cliProgress.SingleBar(
    { format: 'requêtes [{bar}] {percentage}% | {value}/{total} | {failures} en échec | {duration}s', hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(requests, 0, { failures: 0 });
  const report = await fuzz(app, {
    requests, seed, concurrency: 4, onProgress: (done, _total, failures) => bar.update(done, { failures }),
  });
  bar.update(report.requests, { failures: report.failures.length });
  bar.stop();
  await app.close();
  mailer.close();

  const statuses = Object.entries(report.byStatus).sort(([x], [y]) => x.localeCompare(y)).map(([s, n]) => `${s} : ${n}`).join(', ');
  console.log(`\n${report.requests} requêtes sur ${report.operations} opérations en ${(report.durationMs / 1000).toFixed(1)} s `
    + `(${Math.round(report.requests / (report.durationMs / 1000))} req/s), graine ${seed}.`);
  console.log(`Statuts : ${statuses}.`);
  console.log(`Opérations ayant répondu au moins une fois en 2xx : ${report.reached.size} sur ${report.operations}.`);
  const fivexx = Object.entries(report.byStatus).filter(([s]) => !(Number(s) < 500)).reduce((n, [, c]) => n + c, 0);
  console.log(`Réponses 5xx ou sans réponse : ${fivexx}.`);
  for (const f of report.failures.slice(0, 50)) console.log(`  ${describeFailure(f)}`);
  exitCode = report.failures.length === 0 ? 0 : 1;
} finally {
  await pool.end();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  rmSync(config.dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
