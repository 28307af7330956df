/**
 * Crash test: 4 clients keep writing comments while the application is killed with -9 (then started
 * again exactly as `npm start` runs it) and its embedded PostgreSQL is killed with -9 (the application
 * must bring it back by itself). At the end every acknowledged comment must be in the database, once.
 *
 *   npm run bench:crash      (BENCH_APP_KILLS=20 BENCH_PG_KILLS=10 BENCH_CLIENTS=4 by default)
 *
 * A comment counts as acknowledged when the API answered 201, or 409 DUPLICATE_CONTENT to a retry of it
 * (the first attempt was written but its answer was lost in the crash). Each comment carries a unique
 * marker in its text and an Idempotency-Key header, and a client retries with the same text until it
 * gets one of those two answers.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { hashToken, newToken } from '../server/src/lib/tokens.js';
import { sessionCookieName } from '../server/src/plugins/session.js';
import { isAlive, readPostmasterPid } from '../server/src/db/postmaster.js';
import { freePort, tempDataDir } from '../server/test/throwaway-postgres.js';

const APP_KILLS = Number(process.env.BENCH_APP_KILLS ?? 20);
const PG_KILLS = Number(process.env.BENCH_PG_KILLS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
/** Acknowledged writes between two kills, so that every kill lands on a write load. */
const WRITES_BETWEEN_KILLS = 12;
const ROOT = join(import.meta.dirname, '..');

const data = tempDataDir('ecom-crash-');
const PORT = await freePort();
const PG_PORT = await freePort();
const base = `http://127.0.0.1:${PORT}`;
const run = Date.now().toString(36);
let app: ChildProcess | null = null;

function startApp(): ChildProcess {
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
  // What `npm start` runs once the web client is built (the benchmark only uses the API).
  const child = spawn(process.execPath, ['build/server/src/main.js'], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'ignore', 'ignore'],
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: data.dir, PORT: String(PORT), EMBEDDED_PG_PORT: String(PG_PORT),
      HOST: '127.0.0.1', SEED_DEMO: 'false', RATE_LIMIT_FACTOR: '1000', LOG_LEVEL: 'warn' },
  });
  return child;
}

async function healthStatus(): Promise<number> {
  try {
    return (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(3_000) })).status;
  } catch {
    return 0;
  }
}

/** Seconds until /api/health answers 200; throws if the application process ends or it takes too long. */
async function waitHealthy(child: ChildProcess | null, limitS = 180): Promise<number> {
  const t0 = performance.now();
  while ((performance.now() - t0) / 1000 < limitS) {
    if (child && child.exitCode !== null) throw new Error(`l’application s’est arrêtée (code ${child.exitCode})`);
    if (await healthStatus() === 200) return (performance.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pas de réponse 200 de /api/health après ${limitS} s`);
}

interface Writer { headers: Record<string, string> }
const acknowledged = new Set<string>();
const counts = { retries: 0, unavailable: 0, networkErrors: 0, inProgress: 0, duplicateAnswers: 0, replayed: 0, unexpected: new Map<number, number>() };
let stopping = false;

async function seed(): Promise<{ postId: number; writers: Writer[] }> {
  const db = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${PG_PORT}/ecommunautes` });
  await db.connect();
  const { rows: [community] } = await db.query<{ id: number }>(
    `INSERT INTO communities (slug, name, description, status) VALUES ($1, 'Banc d’essai des pannes', 'Commentaires écrits pendant les pannes.', 'open') RETURNING id`,
    [`pannes-${run}`]);
  const writers: Writer[] = [];
  for (let c = 0; c < CLIENTS; c += 1) {
    const { rows: [user] } = await db.query<{ id: number }>(
      `INSERT INTO users (email, password_hash, first_name, last_name, employer, job, departement, email_verified_at, created_at)
       VALUES ($1, 'banc', 'Client', $2, 'Mairie de Montreuil', 'Agent', '93', now(), now() - interval '30 days') RETURNING id`,
      [`client${c}-${run}@exemple.fr`, `n° ${c + 1}`]);
    await db.query(`INSERT INTO memberships (community_id, user_id, role) VALUES ($1, $2, 'member')`, [community!.id, user!.id]);
    const token = newToken();
    const csrf = newToken();
    await db.query(`INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + interval '1 day')`,
      [hashToken(token), user!.id, csrf]);
    writers.push({ headers: { cookie: `${sessionCookieName(true)}=${token}`, 'x-csrf-token': csrf, 'content-type': 'application/json' } });
  }
  await db.end();
  const res = await fetch(`${base}/api/communities/pannes-${run}/posts`, {
    method: 'POST', headers: writers[0]!.headers, body: JSON.stringify({ title: 'Fil des pannes', body: 'Les commentaires arrivent ici.' }),
  });
  if (res.status !== 201) throw new Error(`publication du fil impossible : ${res.status} ${await res.text()}`);
  return { postId: ((await res.json()) as { id: number }).id, writers };
}

/** Writes comments one after the other; each is retried with the same text and key until it is acknowledged. */
async function write(writer: Writer, c: number, postId: number): Promise<void> {
  for (let i = 0; !stopping; i += 1) {
    const marker = `crash-${run}-${c}-${i}`;
    const body = JSON.stringify({ body: `Commentaire ${marker} écrit pendant les pannes.` });
    for (let attempt = 1; ; attempt += 1) {
      let status = 0;
      let code = '';
      let replayed = false;
      try {
        const res = await fetch(`${base}/api/posts/${postId}/comments`, {
          method: 'POST', headers: { ...writer.headers, 'idempotency-key': marker }, body, signal: AbortSignal.timeout(20_000),
        });
        status = res.status;
        replayed = res.headers.get('idempotent-replayed') === 'true';
        code = ((await res.json().catch(() => ({}))) as { code?: string }).code ?? '';
      } catch {
        counts.networkErrors += 1;
      }
      // Written, and the server says so: a first answer, a replay of it, or a retry recognised as already written.
      if (status === 201 || (status === 409 && attempt > 1 && (code === 'DUPLICATE_CONTENT' || code === 'IDEMPOTENCY_ANSWER_LOST'))) {
        if (replayed) counts.replayed += 1;
        if (status === 409) counts.duplicateAnswers += 1;
        acknowledged.add(marker);
        break;
      }
      if (status === 503) counts.unavailable += 1;
      else if (status === 409 && code === 'IDEMPOTENCY_IN_PROGRESS') counts.inProgress += 1;
      else if (status !== 0) counts.unexpected.set(status, (counts.unexpected.get(status) ?? 0) + 1);
      counts.retries += 1;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function writesSince(before: number, minimum: number, limitMs = 60_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (acknowledged.size < before + minimum && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
}

function postmasterPid(): number {
  const info = readPostmasterPid(join(data.dir, 'pg'));
  if (!info || !isAlive(info.pid)) throw new Error('pas de postmaster vivant');
  return info.pid;
}

const plan: ('app' | 'pg')[] = [];
for (let a = 0, p = 0; a < APP_KILLS || p < PG_KILLS;) {
  // Two application kills for one PostgreSQL kill, spread over the whole run.
  if (a < APP_KILLS && (p >= PG_KILLS || a < 2 * (p + 1))) { plan.push('app'); a += 1; } else { plan.push('pg'); p += 1; }
}

const recovery = { app: [] as number[], pg: [] as number[] };
let failed: boolean;
try {
  console.log(`Banc d’essai des pannes : ${APP_KILLS} kill -9 de l’application, ${PG_KILLS} kill -9 de PostgreSQL, ${CLIENTS} clients qui écrivent.`);
  app = startApp();
  console.log(`Premier démarrage (DATA_DIR=${data.dir}) : prêt en ${(await waitHealthy(app)).toFixed(1)} s.`);
  const { postId, writers } = await seed();
  const t0 = performance.now();
  const writing = writers.map((w, c) => write(w, c, postId));
  for (const [k, kind] of plan.entries()) {
    await writesSince(acknowledged.size, WRITES_BETWEEN_KILLS);
    let seconds: number;
    if (kind === 'app') {
      app!.kill('SIGKILL');
      await new Promise((r) => app!.exitCode !== null || app!.signalCode !== null ? r(null) : app!.once('exit', r));
      app = startApp();
      seconds = await waitHealthy(app);
    } else {
      process.kill(postmasterPid(), 'SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
      seconds = await waitHealthy(app) + 0.2;
    }
    recovery[kind].push(seconds);
    const what = kind === 'app' ? 'application (relancée)' : 'PostgreSQL (relancé par l’application)';
    console.log(`[${String(k + 1).padStart(2)}/${plan.length}] kill -9 ${what} : de nouveau prêt en ${seconds.toFixed(1)} s — ${acknowledged.size} écritures confirmées, ${counts.retries} réessais`);
  }
  await writesSince(acknowledged.size, WRITES_BETWEEN_KILLS);
  stopping = true;
  await Promise.all(writing);
  const minutes = (performance.now() - t0) / 60_000;

  const db = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${PG_PORT}/ecommunautes` });
  await db.connect();
  const { rows } = await db.query<{ marker: string; n: number }>(
    `SELECT substring(body_md FROM 'crash-[a-z0-9]+-[0-9]+-[0-9]+') AS marker, count(*)::int AS n FROM comments WHERE post_id = $1 GROUP BY 1`, [postId]);
  await db.end();
  const stored = new Map(rows.map((r) => [r.marker, r.n]));
  const lost = [...acknowledged].filter((m) => !stored.has(m));
  const duplicated = rows.filter((r) => r.n > 1);
  const unacknowledgedStored = rows.filter((r) => !acknowledged.has(r.marker)).length;
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);
  const unexpected = [...counts.unexpected].map(([s, n]) => `${n} × ${s}`).join(', ') || 'aucune';
  console.log('\n## Résultat');
  console.log(`- durée sous charge : ${minutes.toFixed(1)} min ; écritures confirmées : ${acknowledged.size} ; commentaires en base : ${rows.reduce((s, r) => s + r.n, 0)}`);
  console.log(`- écritures confirmées perdues : ${lost.length}${lost.length ? ` (${lost.slice(0, 5).join(', ')}…)` : ''}`);
  console.log(`- doublons (même marqueur écrit deux fois) : ${duplicated.length}`);
  console.log(`- écrites sans réponse puis reconnues au réessai : ${counts.replayed} par la réponse rejouée (Idempotency-Key), ${counts.duplicateAnswers} par un 409 (DUPLICATE_CONTENT ou IDEMPOTENCY_ANSWER_LOST) ; en base sans confirmation : ${unacknowledgedStored}`);
  console.log(`- réessais : ${counts.retries} (503 : ${counts.unavailable}, connexion coupée : ${counts.networkErrors}, 409 IDEMPOTENCY_IN_PROGRESS : ${counts.inProgress}, autres réponses : ${unexpected})`);
  console.log(`- retour après kill -9 de l’application (npm start) : moyenne ${mean(recovery.app).toFixed(1)} s, pire ${Math.max(...recovery.app, 0).toFixed(1)} s`);
  console.log(`- retour après kill -9 de PostgreSQL (sans intervention) : moyenne ${mean(recovery.pg).toFixed(1)} s, pire ${Math.max(...recovery.pg, 0).toFixed(1)} s`);
  failed = lost.length > 0 || duplicated.length > 0;
} catch (err) {
  console.error(`Banc interrompu : ${(err as Error).message}`);
  failed = true;
} finally {
  stopping = true;
  if (app && app.exitCode === null) {
    const exited = new Promise((r) => app!.once('exit', r));
    process.kill(-app.pid!, 'SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
  }
  const info = readPostmasterPid(join(data.dir, 'pg'));
  if (info && isAlive(info.pid)) process.kill(info.pid, 'SIGQUIT');
  data.remove();
}
process.exit(failed ? 1 : 0);
