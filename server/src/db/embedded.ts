import { execFile } from 'node:child_process';
import { accessSync, chownSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { StartupError } from '../lib/startup-errors.js';
import { binaries, isAlive, isAliveSince, logTail, postgresUser, processStartMs, readPostmasterPid, type Binaries, type RunAs } from './postmaster.js';

export interface EmbeddedDb {
  url: string;
  /** Stops PostgreSQL (fast shutdown: open sessions are ended) and releases the data directory. */
  stop: () => Promise<void>;
}

export interface EmbeddedOptions {
  /** Restart PostgreSQL if it dies (kill -9, OOM killer) while the application runs. Default true. */
  watch?: boolean;
}

const DB_NAME = 'ecommunautes';
const PASSWORD = 'postgres';
/** Seconds pg_ctl waits for a start or a stop. A start after a crash replays the WAL first. */
const PG_CTL_WAIT_S = 120;
const WATCH_EVERY_MS = 1_000;
/** Beyond this size the log is started afresh: it only serves to explain the last failures. */
const LOG_MAX_BYTES = 10 * 1024 * 1024;

interface Cluster {
  bin: Binaries;
  as: RunAs;
  databaseDir: string;
  logFile: string;
  port: number;
}

function pgCtl(c: Cluster, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // pg_ctl starts the postmaster in a session of its own (setsid): a Ctrl-C in the terminal reaches
    // the application only, which then stops PostgreSQL last, after its own connections are closed.
    execFile(c.bin.pgCtl, ['-D', c.databaseDir, ...args], { ...c.as, env: { ...process.env, LC_ALL: 'C' } }, (err, _out, stderr) =>
      err ? reject(Object.assign(err, { stderr })) : resolve());
  });
}

async function initialise(c: Cluster, log: (msg: string) => void): Promise<void> {
  log('Base embarquée : initialisation (première fois, ~10 s)…');
  mkdirSync(c.databaseDir, { recursive: true, mode: 0o700 });
  const pwfile = join(tmpdir(), `ecom-pg-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (c.as.uid !== undefined) {
    chownSync(c.databaseDir, c.as.uid, c.as.gid!);
    chownSync(pwfile, c.as.uid, c.as.gid!);
  }
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(c.bin.initdb, [`--pgdata=${c.databaseDir}`, '--auth=password', '--username=postgres', `--pwfile=${pwfile}`,
        '--encoding=UTF8', '--locale=C.UTF-8'], { ...c.as, env: { ...process.env, LC_ALL: 'C' } }, (err, _out, stderr) =>
        err ? reject(new StartupError(`L’initialisation de la base embarquée dans ${c.databaseDir} a échoué : vérifiez que le compte qui lance PostgreSQL peut écrire dans ce dossier, videz-le, puis relancez. (initdb : ${stderr.trim().split('\n').slice(-2).join(' ')})`)) : resolve());
    });
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function connectable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function startPostmaster(c: Cluster): Promise<void> {
  if (existsSync(c.logFile) && statSync(c.logFile).size > LOG_MAX_BYTES) rmSync(c.logFile);
  if (!existsSync(c.logFile)) writeFileSync(c.logFile, '');
  if (c.as.uid !== undefined) chownSync(c.logFile, c.as.uid, c.as.gid!);
  try {
    await pgCtl(c, ['start', '-l', c.logFile, '-w', '-t', String(PG_CTL_WAIT_S), '-s', '-o', `-p ${c.port} -c listen_addresses=localhost`]);
  } catch (err) {
    const tail = logTail(c.logFile);
    if (/could not bind|Address already in use/i.test(tail)) throw portTaken(c.port);
    throw new StartupError(`Le PostgreSQL embarqué n’a pas démarré : lisez ${c.logFile} (dernières lignes ci-dessous), corrigez la cause, puis relancez « npm start ».\n${tail || (err as { stderr?: string }).stderr || ''}`);
  }
}

function portTaken(port: number): StartupError {
  return new StartupError(`Le port ${port} du PostgreSQL embarqué est déjà utilisé par un autre programme : arrêtez-le, ou choisissez un autre port, par exemple « EMBEDDED_PG_PORT=${port + 1} npm start ».`);
}

/**
 * A postmaster still running on the data directory is the orphan of an application killed without
 * a chance to stop it (kill -9, power cut of the terminal). On the expected port it is taken over as
 * is; on another port (EMBEDDED_PG_PORT changed) it is stopped cleanly first. A stale postmaster.pid
 * (dead process, or a pid now used by another program) is left for PostgreSQL to replace, or removed.
 */
async function settleLeftover(c: Cluster, url: string, log: (msg: string) => void): Promise<'running' | 'stopped'> {
  const info = readPostmasterPid(c.databaseDir);
  if (!info) return 'stopped';
  if (!isAliveSince(info.pid, info.startedMs)) {
    // PostgreSQL itself replaces a lock file whose pid is dead, but not one whose pid was reused.
    if (isAlive(info.pid)) rmSync(join(c.databaseDir, 'postmaster.pid'), { force: true });
    return 'stopped';
  }
  if (info.port === c.port) {
    for (let i = 0; i < 30; i += 1) {
      if (await connectable(url)) {
        log(`PostgreSQL embarqué resté actif après un arrêt brutal (PID ${info.pid}) : repris tel quel.`);
        return 'running';
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
  log(`PostgreSQL embarqué resté actif (PID ${info.pid}, port ${info.port}) : arrêt propre avant redémarrage…`);
  await pgCtl(c, ['stop', '-m', 'fast', '-w', '-t', String(PG_CTL_WAIT_S), '-s']).catch(() => {
    // Not answering a fast shutdown: an immediate one (crash recovery at the next start, nothing committed is lost).
    try { process.kill(info.pid, 'SIGQUIT'); } catch { /* already gone */ }
  });
  for (let i = 0; i < 100 && isAlive(info.pid); i += 1) await new Promise((r) => setTimeout(r, 100));
  return 'stopped';
}

/**
 * One application per data directory: a second `npm start` on the same DATA_DIR would otherwise take
 * over (then stop) the PostgreSQL the first one is using. The owner file names the application's pid
 * and the time it was written; a crashed owner leaves a dead (or reused) pid, which does not count.
 */
function claimDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'embedded-pg.owner');
  if (existsSync(file)) {
    const [pid, writtenMs] = readFileSync(file, 'utf8').trim().split(' ').map(Number);
    const startMs = pid ? processStartMs(pid) : null;
    const sameProcess = pid !== undefined && pid !== process.pid && isAlive(pid) && (startMs === null || startMs <= (writtenMs ?? 0) + 1_000);
    if (sameProcess) {
      throw new StartupError(`Une autre instance d’e-communautés (PID ${pid}) utilise déjà le PostgreSQL embarqué de ${dataDir} : arrêtez-la d’abord, ou donnez à chaque instance son propre DATA_DIR (plusieurs instances partagent une base avec DATABASE_URL).`);
    }
  }
  writeFileSync(file, `${process.pid} ${Date.now()}\n`);
  return () => rmSync(file, { force: true });
}

function checkWritable(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch {
    throw new StartupError(`Le dossier de données ${dataDir} n’est pas accessible en écriture : donnez-en les droits à l’utilisateur qui lance le service, ou choisissez un autre dossier avec DATA_DIR=….`);
  }
}

async function ensureDatabase(port: number): Promise<void> {
  const admin = new pg.Client({ connectionString: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres` });
  admin.on('error', () => {});
  await admin.connect();
  try {
    const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
    if (rows.length === 0) await admin.query(`CREATE DATABASE ${DB_NAME}`);
  } finally {
    await admin.end();
  }
}

/**
 * Starts the embedded PostgreSQL kept in `<dataDir>/pg` (initialised on first use), or takes over the
 * one a crashed run left behind. Port 5433 by default: a system PostgreSQL may hold 5432.
 */
export async function startEmbeddedPostgres(dataDir: string, port = Number(process.env.EMBEDDED_PG_PORT ?? 5433),
  log: (msg: string) => void = console.log, options: EmbeddedOptions = {}): Promise<EmbeddedDb> {
  checkWritable(dataDir);
  const release = claimDataDir(dataDir);
  try {
    const c: Cluster = { bin: await binaries(), as: await postgresUser(), databaseDir: join(dataDir, 'pg'), logFile: join(dataDir, 'postgres.log'), port };
    const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${DB_NAME}`;
    if (!existsSync(join(c.databaseDir, 'PG_VERSION'))) await initialise(c, log);
    if (await settleLeftover(c, url, log) === 'stopped') {
      if (!(await portFree(port))) throw portTaken(port);
      await startPostmaster(c);
    }
    await ensureDatabase(port);
    const watcher = options.watch === false ? null : watch(c, log);
    return {
      url,
      stop: async () => {
        watcher?.stop();
        await pgCtl(c, ['stop', '-m', 'fast', '-w', '-t', String(PG_CTL_WAIT_S), '-s']).catch(() => {});
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * Restarts PostgreSQL when its postmaster dies under the running application. PostgreSQL replays its
 * WAL on start, so every committed transaction is back; the pool and the LISTEN connections reconnect
 * on their own. A start may fail while the dead postmaster's children still hold its shared memory:
 * it is tried again with a growing pause.
 */
function watch(c: Cluster, log: (msg: string) => void): { stop: () => void } {
  let stopped = false;
  let busy = false;
  let pause = WATCH_EVERY_MS;
  let current = readPostmasterPid(c.databaseDir);
  const timer = setInterval(() => {
    if (stopped || busy || (current && isAliveSince(current.pid, current.startedMs))) return;
    busy = true;
    log('PostgreSQL embarqué arrêté de façon inattendue : redémarrage…');
    void (async () => {
      while (!stopped) {
        const found = readPostmasterPid(c.databaseDir);
        if (found && isAliveSince(found.pid, found.startedMs)) {
          // Started meanwhile by someone else (an operator's pg_ctl): watch that one.
          current = found;
          break;
        }
        try {
          await startPostmaster(c);
          current = readPostmasterPid(c.databaseDir);
          log('PostgreSQL embarqué redémarré.');
          pause = WATCH_EVERY_MS;
          break;
        } catch {
          // The first attempt often meets the dead postmaster's last children still holding its shared memory.
          if (pause > WATCH_EVERY_MS) log(`PostgreSQL embarqué pas encore redémarré, nouvel essai dans ${Math.round(pause / 1000)} s (voir ${c.logFile}).`);
          await new Promise((r) => setTimeout(r, pause));
          pause = Math.min(pause * 2, 15_000);
        }
      }
      busy = false;
    })();
  }, WATCH_EVERY_MS);
  timer.unref();
  return { stop: () => { stopped = true; clearInterval(timer); } };
}
