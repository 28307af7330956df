import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, tempDataDir } from '../test/throwaway-postgres.js';
import { isAlive, readPostmasterPid } from './db/postmaster.js';

/**
 * The real server process (`node build/server/src/main.js`, what `npm start` runs; built by the global setup), with its own
 * data directory and ports: killed with -9, started again, stopped with Ctrl-C, and failing to start.
 */

const ROOT = join(import.meta.dirname, '..', '..');

interface Server_ {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Server_ {
  let out = '';
  // Its own process group, as a terminal gives `npm start`: a Ctrl-C reaches the whole group.
  const proc = spawn(process.execPath, ['build/server/src/main.js'], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SEED_DEMO: 'false', HOST: '127.0.0.1', DATABASE_URL: '', ...env },
  });
  proc.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  proc.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

async function health(port: number): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(3_000) })).status;
  } catch {
    return 0;
  }
}

async function until(check: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not in time: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Lines a person would find alarming after a normal stop. */
const ALARMING = /perdue|terminating|Error|erreur|Unhandled|uncaught|exception|at .*\.ts:\d+/i;

describe('server process: crash, restart, stop', () => {
  const data = tempDataDir('ecom-main-');
  const started: ChildProcess[] = [];
  afterAll(async () => {
    for (const p of started) if (p.exitCode === null) p.kill('SIGKILL');
    const info = readPostmasterPid(join(data.dir, 'pg'));
    if (info && isAlive(info.pid)) process.kill(info.pid, 'SIGQUIT');
    await new Promise((r) => setTimeout(r, 500));
    data.remove();
  });

  it('a plain start after kill -9 of the app works; kill -9 of PostgreSQL heals; Ctrl-C stops quietly', async () => {
    const env = { PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()), DATA_DIR: data.dir };
    const port = Number(env.PORT);
    const first = startServer(env);
    started.push(first.proc);
    await until(async () => (await health(port)) === 200, 90_000, 'first start');
    first.proc.kill('SIGKILL');
    await first.exited;
    // The embedded PostgreSQL outlived the application: that is what used to make every later start fail.
    const orphan = readPostmasterPid(join(data.dir, 'pg'));
    expect(orphan && isAlive(orphan.pid)).toBe(true);

    const second = startServer(env);
    started.push(second.proc);
    await until(async () => (await health(port)) === 200 || second.proc.exitCode !== null, 90_000, 'start after the crash');
    expect(await health(port), second.output()).toBe(200);
    expect(second.output()).toContain('repris tel quel');

    // PostgreSQL killed under the running application: 503 meanwhile, then back without anyone's help.
    process.kill(readPostmasterPid(join(data.dir, 'pg'))!.pid, 'SIGKILL');
    await until(async () => (await health(port)) === 503, 10_000, 'health 503 while PostgreSQL is down');
    await until(async () => (await health(port)) === 200, 60_000, 'health back after the restart');
    // Health may answer 200 as soon as PostgreSQL accepts connections, a moment before the watchdog logs its restart.
    await until(() => second.output().includes('PostgreSQL embarqué redémarré'), 30_000, 'restart logged');

    const mark = second.output().length;
    process.kill(-second.proc.pid!, 'SIGINT');
    expect(await second.exited).toBe(0);
    const stopLines = second.output().slice(mark).trim().split('\n');
    expect(stopLines.filter((l) => ALARMING.test(l)), stopLines.join('\n')).toEqual([]);
    expect(stopLines.at(-1)).toContain('PostgreSQL embarqué arrêté');
    const info = readPostmasterPid(join(data.dir, 'pg'));
    expect(info === null || !isAlive(info.pid)).toBe(true);
  }, 240_000);

  it('every start failure says in French what to do, and exits with 1', async () => {
    const taken = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(taken, '127.0.0.1', () => r()));
    const notADir = join(data.dir, 'a-file');
    writeFileSync(notADir, '');
    const cases: { env: Record<string, string>; says: RegExp }[] = [
      { env: { PORT: String(await freePort()), DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/nulle_part` },
        says: /Impossible de joindre PostgreSQL \(DATABASE_URL\s:\s127\.0\.0\.1:\d+, base «\snulle_part\s»/ },
      { env: { PORT: String(await freePort()), EMBEDDED_PG_PORT: String(taken), DATA_DIR: join(data.dir, 'other') },
        says: new RegExp(`Le port ${taken} du PostgreSQL embarqué est déjà utilisé.*EMBEDDED_PG_PORT=${taken + 1}`) },
      { env: { PORT: String(await freePort()), DATA_DIR: join(notADir, 'data') },
        says: /Écriture impossible dans .*a-file.*DATA_DIR=/ },
      { env: { PORT: String(taken), DATA_DIR: data.dir, EMBEDDED_PG_PORT: String(await freePort()) },
        says: new RegExp(`Le port ${taken} est déjà utilisé.*PORT=${taken + 1} npm start`) },
    ];
    try {
      for (const c of cases) {
        const server = startServer(c.env);
        started.push(server.proc);
        expect(await server.exited, server.output()).toBe(1);
        expect(server.output()).toMatch(/Démarrage impossible\s:\s/);
        expect(server.output()).toMatch(c.says);
        expect(server.output()).not.toMatch(/triggerUncaughtException|^\s+at /m);
      }
    } finally {
      blocker.close();
    }
    // The failed start on the data directory stopped the PostgreSQL it had started.
    const info = readPostmasterPid(join(data.dir, 'pg'));
    expect(info === null || !isAlive(info.pid)).toBe(true);
  }, 240_000);
});
