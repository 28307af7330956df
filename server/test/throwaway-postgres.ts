import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDb } from '../src/db/embedded.js';
import { isAlive, readPostmasterPid } from '../src/db/postmaster.js';

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A temporary directory the `postgres` system user can enter (PostgreSQL runs as that user when the
 * tests run as root, and mkdtemp makes directories only their owner may enter).
 */
export function tempDataDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A PostgreSQL of its own for a test that kills it: the shared test server must not be touched. */
export interface ThrowawayPostgres {
  url: string;
  dataDir: string;
  /** kill -9 of the postmaster, as a crash or the OOM killer would. Resolves once it is gone. */
  kill: () => Promise<void>;
  /** Starts it again on the same directory and port (PostgreSQL replays its WAL). */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}

export async function throwawayPostgres(): Promise<ThrowawayPostgres> {
  const { dir, remove } = tempDataDir('ecom-faults-');
  const port = await freePort();
  // No watchdog: the test decides when PostgreSQL comes back.
  let db: EmbeddedDb = await startEmbeddedPostgres(dir, port, () => {}, { watch: false });
  return {
    url: db.url,
    dataDir: dir,
    kill: async () => {
      const info = readPostmasterPid(join(dir, 'pg'));
      if (!info) throw new Error('no postmaster.pid');
      process.kill(info.pid, 'SIGKILL');
      for (let i = 0; i < 100 && isAlive(info.pid); i += 1) await new Promise((r) => setTimeout(r, 50));
    },
    restart: async () => {
      // The children of a killed postmaster leave within a moment; until then a new one cannot start.
      for (let attempt = 1; ; attempt += 1) {
        try {
          db = await startEmbeddedPostgres(dir, port, () => {}, { watch: false });
          return;
        } catch (err) {
          if (attempt >= 10) throw err;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    },
    stop: async () => {
      await db.stop();
      remove();
    },
  };
}
