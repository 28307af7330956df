/**
 * Time from `npm start` to a ready server: first start on a fresh DATA_DIR (embedded PostgreSQL initialised,
 * migrations, demo data), then a second start on the same data. Floors: 90 s and 15 s.
 *
 *   npm run bench:startup   (or: npx tsx bench/startup.ts)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FLOORS = { first: 90, second: 15 };
const TIMEOUT_S = 240;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function ready(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + TIMEOUT_S * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start s’est arrêté (code ${child.exitCode})`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pas prêt après ${TIMEOUT_S} s`);
}

/** Stops the whole process group, as Ctrl-C in a terminal would, and waits for a clean exit. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  process.kill(-child.pid!, 'SIGINT');
  const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 30_000);
  await exited;
  clearTimeout(timer);
}

async function start(label: string, dataDir: string): Promise<{ seconds: number; log: string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'info', LOG_FORMAT: 'text' };
  delete env.DATABASE_URL;
  const t0 = performance.now();
  const child = spawn('npm', ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => { log += d; });
  child.stderr!.on('data', (d) => { log += d; });
  try {
    await ready(`http://127.0.0.1:${port}/api/health`, child);
  } catch (err) {
    await stop(child);
    throw new Error(`${label} : ${(err as Error).message}\n${log}`, { cause: err });
  }
  const seconds = (performance.now() - t0) / 1000;
  await stop(child);
  return { seconds, log };
}

const dataDir = mkdtempSync(join(tmpdir(), 'ecom-startup-'));
// The embedded PostgreSQL runs as a dedicated user when we are root: it must reach the folder.
chmodSync(dataDir, 0o777);
let failed: boolean;
try {
  const first = await start('premier démarrage', dataDir);
  const built = first.log.includes('Construction du client web');
  const demo = first.log.split('\n').find((l) => l.includes('Démonstration prête'));
  console.log(demo ? demo.trim() : 'ATTENTION : les données de démonstration n’ont pas été chargées au premier démarrage.');
  console.log(`premier démarrage (base neuve, migrations, démonstration${built ? ', construction du client web' : ''}) : ${first.seconds.toFixed(1)} s`);
  const second = await start('second démarrage', dataDir);
  console.log(`second démarrage : ${second.seconds.toFixed(1)} s`);
  const checks: [string, boolean][] = [
    [`premier démarrage < ${FLOORS.first} s`, first.seconds < FLOORS.first],
    [`second démarrage < ${FLOORS.second} s`, second.seconds < FLOORS.second],
  ];
  for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
  failed = checks.some(([, ok]) => !ok);
} catch (err) {
  console.error((err as Error).message);
  failed = true;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
