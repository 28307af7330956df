import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type pg from 'pg';
import { utcToParis } from '../../../common/time/index.js';
import type { Config } from '../config.js';
import { DUMP, folderSize, MANIFEST, pack, SECRET, UPLOADS, type Manifest } from './archive.js';
import { connect, migrationCount, openTarget, serverMajor, tableCounts } from './database.js';
import { safeUrl } from './errors.js';
import { findPgTool, runPgTool } from './pg-tools.js';
import { megabytes, plural, stepProgress, tables as tableRatio } from './progress.js';

export interface BackupOptions {
  config: Config;
  /** Folder of the archives (BACKUP_DIR, default `backups`). */
  dir: string;
  log: (msg: string) => void;
  now?: Date;
}

/** e-communautes-YYYYMMDD-HHMM, Paris time: the hour an operator reads on the wall. */
export function archiveName(now: Date): string {
  const { date, time } = utcToParis(now);
  return `e-communautes-${date.replaceAll('-', '')}-${time.replace(':', '')}`;
}

function appVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function relationCount(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`);
  return Number(rows[0]!.n);
}

/**
 * Writes one archive: pg_dump's custom format, the attachments of the local storage and DATA_DIR/secret,
 * with a manifest whose row counts come from the very snapshot pg_dump reads (exported, then shared).
 */
export async function createBackup({ config, dir, log, now = new Date() }: BackupOptions): Promise<string> {
  const name = archiveName(now);
  const file = resolve(dir, `${name}.tar.gz`);
  const staging = resolve(dir, `.${name}.en-cours`);
  const target = await openTarget(config, log);
  let client: pg.Client | undefined;
  try {
    client = await connect(target.url);
    const server = await serverMajor(client);
    const pgDump = await findPgTool('pg_dump', server.major, `Le serveur PostgreSQL (${safeUrl(target.url)})`);
    log(`Base : PostgreSQL ${server.version}, sauvegardée avec ${pgDump.path} (${pgDump.version}).`);

    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s;
    const tables = await tableCounts(client);
    const migrations = await migrationCount(client);
    const relations = await relationCount(client);

    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    log(`Sauvegarde de la base (${Object.keys(tables).length} tables, ${migrations} migrations)…`);
    const progress = stepProgress('base de données', relations, log, tableRatio);
    let dumped = 0;
    await runPgTool(pgDump, ['--format=custom', '--verbose', `--snapshot=${snapshot}`, `--file=${join(staging, DUMP)}`, `--dbname=${target.url}`], (line) => {
      if (/dumping contents of table/.test(line)) progress(++dumped);
    });
    await client.query('COMMIT');

    const entries = [MANIFEST, DUMP];
    const secretFile = join(config.dataDir, SECRET);
    const secretIncluded = existsSync(secretFile);
    if (secretIncluded) {
      copyFileSync(secretFile, join(staging, SECRET));
      entries.push(SECRET);
    }
    if (process.env.APP_SECRET) log('APP_SECRET est défini dans l’environnement : il n’est pas dans l’archive, conservez-le à part.');

    const uploadsDir = join(config.dataDir, UPLOADS);
    const uploads = config.s3 ? { files: 0, bytes: 0 } : await folderSize(uploadsDir, ['tmp']);
    if (config.s3) {
      log(`ATTENTION : les pièces jointes sont dans le compartiment S3 « ${config.s3.bucket} » et ne sont PAS dans cette archive. `
        + 'Activez le versionnage du compartiment ou sauvegardez-le à part.');
    } else if (existsSync(uploadsDir)) {
      symlinkSync(uploadsDir, join(staging, UPLOADS));
      entries.push(UPLOADS);
    }

    const manifest: Manifest = {
      format: 1,
      createdAt: now.toISOString(),
      application: { name: 'e-communautes', version: appVersion(), node: process.version },
      database: { file: DUMP, server: server.version, serverMajor: server.major, pgDump: pgDump.version, pgDumpMajor: pgDump.major, migrations, relations },
      tables,
      attachments: { storage: config.s3 ? 's3' : 'local', included: !config.s3, ...uploads },
      secret: { included: secretIncluded },
    };
    writeFileSync(join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);

    const dumpBytes = statSync(join(staging, DUMP)).size;
    log(`Archive : base ${megabytes(dumpBytes)}, ${plural(uploads.files, 'pièce jointe', 'pièces jointes')} (${megabytes(uploads.bytes)})${secretIncluded ? ', secret' : ''}…`);
    await pack(staging, entries, `${file}.partiel`, dumpBytes + uploads.bytes, log);
    // Renamed only once complete: an archive with the final name is never a half-written one.
    renameSync(`${file}.partiel`, file);
    log(`Sauvegarde terminée : ${file} (${megabytes(statSync(file).size)}).`);
    return file;
  } finally {
    await client?.end().catch(() => {});
    rmSync(staging, { recursive: true, force: true });
    rmSync(`${file}.partiel`, { force: true });
    await target.release();
  }
}
