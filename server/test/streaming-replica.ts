import { execFile } from 'node:child_process';
import { chownSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, tempDataDir } from './throwaway-postgres.js';

const run = promisify(execFile);

/** PostgreSQL 15's own tools (Debian's postgresql-15), or PG_BIN. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const hasPostgresTools = existsSync(join(PG_BIN, 'pg_basebackup'));

/** A primary and one streaming standby on loopback, made with initdb, pg_basebackup -R and pg_ctl. */
export interface StreamingPair {
  primaryUrl: string;
  replicaUrl: string;
  /** SQL on the standby itself (pg_wal_replay_pause(), pg_stat_activity…). */
  onReplica: <T extends pg.QueryResultRow>(text: string) => Promise<T[]>;
  stopReplica: () => Promise<void>;
  startReplica: () => Promise<void>;
  /** Stops both clusters and removes their directories; safe to call twice. */
  stop: () => Promise<void>;
}

/** PostgreSQL refuses to run as root: as the `postgres` system user then, which owns the directories. */
async function pgTool(tool: string, args: string[]): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, tool), ...args]] : [join(PG_BIN, tool), args];
  await run(cmd, argv, { timeout: 60_000 });
}

/** Loopback only, sockets in the test's own directory, no fsync: a throwaway pair must not touch the machine's. */
function serverOptions(port: number, socketDir: string): string {
  return `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40 -c shared_buffers=16MB`;
}

export async function streamingPair(): Promise<StreamingPair> {
  const { dir, remove } = tempDataDir('ecom-replica-');
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const primaryDir = join(dir, 'primary');
  const replicaDir = join(dir, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const started: string[] = [];
  const ctl = async (dataDir: string, action: 'start' | 'stop', port: number) => {
    await pgTool('pg_ctl', action === 'start'
      ? ['-D', dataDir, '-l', `${dataDir}.log`, '-w', '-o', serverOptions(port, dir), 'start']
      : ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    if (action === 'start') started.push(dataDir);
    else started.splice(started.indexOf(dataDir), 1);
  };
  const stop = async () => {
    for (const dataDir of [...started].reverse()) await ctl(dataDir, 'stop', 0).catch(() => {});
    remove();
  };
  try {
    // initdb's default pg_hba.conf trusts local replication connections; wal_level is `replica` by default.
    await pgTool('initdb', ['-D', primaryDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
    await ctl(primaryDir, 'start', primaryPort);
    // -R writes standby.signal and primary_conninfo: the copy starts as a hot standby streaming from the primary.
    await pgTool('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '--no-sync']);
    await ctl(replicaDir, 'start', replicaPort);
  } catch (err) {
    await stop();
    throw err;
  }
  const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    replicaUrl,
    onReplica: async <T extends pg.QueryResultRow>(text: string) => {
      const client = new pg.Client({ connectionString: replicaUrl });
      await client.connect();
      try {
        return (await client.query<T>(text)).rows;
      } finally {
        await client.end();
      }
    },
    stopReplica: () => ctl(replicaDir, 'stop', replicaPort),
    startReplica: () => ctl(replicaDir, 'start', replicaPort),
    stop,
  };
}
