import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as tar from 'tar';
import { BackupError } from './errors.js';
import { bytesRatio, stepProgress } from './progress.js';

/** What an archive holds, written first so that a restore can check the rest against it. */
export interface Manifest {
  format: 1;
  createdAt: string;
  application: { name: string; version: string; node: string };
  database: {
    file: 'database.pgdump'; server: string; serverMajor: number; pgDump: string; pgDumpMajor: number;
    migrations: number;
    /** Tables whose rows pg_dump writes (partitions included): the length of the progress bars. */
    relations: number;
  };
  /** Exact row count of every table, read in the snapshot pg_dump used. */
  tables: Record<string, number>;
  attachments: { storage: 'local' | 's3'; included: boolean; files: number; bytes: number };
  secret: { included: boolean };
}

export const MANIFEST = 'manifest.json';
export const DUMP = 'database.pgdump';
export const SECRET = 'secret';
export const UPLOADS = 'uploads';

/** Files under a folder and their total size; `skip` names first-level folders left out. */
export async function folderSize(dir: string, skip: string[] = []): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  async function walk(d: string, top: boolean) {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      if (top && skip.includes(entry.name)) continue;
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path, false);
      else if (entry.isFile()) {
        files += 1;
        bytes += (await stat(path)).size;
      }
    }
  }
  if (existsSync(dir)) await walk(dir, true);
  return { files, bytes };
}

/**
 * Packs `entries` of the staging folder into a gzipped tar. `uploads` there is a symbolic link to the live
 * folder (followed, so no copy of the attachments is made first); its `tmp` holds half-received uploads.
 */
export async function pack(staging: string, entries: string[], file: string, totalBytes: number, log: (msg: string) => void): Promise<void> {
  const progress = stepProgress('archive', totalBytes, log, bytesRatio);
  let done = 0;
  await tar.c({
    gzip: true,
    file,
    cwd: staging,
    follow: true,
    portable: true,
    filter: (path, entry) => {
      if (path === `${UPLOADS}/tmp` || path.startsWith(`${UPLOADS}/tmp/`)) return false;
      if ('isFile' in entry && entry.isFile()) {
        done += entry.size;
        progress(done);
      }
      return true;
    },
  }, entries);
}

/** Unpacks the whole archive; a truncated or altered file fails here with a French sentence. */
export async function unpack(file: string, into: string, log: (msg: string) => void): Promise<Manifest> {
  if (!existsSync(file)) throw new BackupError(`Archive introuvable : ${file}`);
  const size = statSync(file).size;
  const progress = stepProgress('lecture de l’archive', size, log, bytesRatio);
  let read = 0;
  try {
    await tar.x({
      file,
      cwd: into,
      strict: true,
      onReadEntry: (entry) => {
        read += entry.size;
        progress(Math.min(read, size));
      },
    });
  } catch (err) {
    throw new BackupError(`Archive illisible ou corrompue (${file}) : ${(err as Error).message}`);
  }
  return readManifest(into, file);
}

function readManifest(dir: string, file: string): Manifest {
  const path = join(dir, MANIFEST);
  if (!existsSync(path) || !existsSync(join(dir, DUMP))) {
    throw new BackupError(`Archive incomplète (${file}) : ${MANIFEST} ou ${DUMP} manque. Ce n’est pas une sauvegarde d’e-communautés.`);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (err) {
    throw new BackupError(`Archive corrompue (${file}) : ${MANIFEST} illisible (${(err as Error).message}).`);
  }
  if (manifest.format !== 1) throw new BackupError(`Archive au format ${String(manifest.format)} inconnu de cette version de l’application.`);
  return manifest;
}
