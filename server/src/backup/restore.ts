import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type pg from 'pg';
import { utcToParis } from '../../../common/time/index.js';
import type { Config } from '../config.js';
import { migrationsFolder } from '../db/migrate.js';
import { DUMP, SECRET, UPLOADS, unpack, type Manifest } from './archive.js';
import { connect, openTarget, ownTableCount, tableCounts, wipe } from './database.js';
import { BackupError, safeUrl } from './errors.js';
import { findPgTool, runPgTool } from './pg-tools.js';
import { plural, stepProgress, tables } from './progress.js';

export interface RestoreOptions {
  config: Config;
  archive: string;
  /** Replace a database that already holds tables, and a different DATA_DIR/secret. */
  force: boolean;
  log: (msg: string) => void;
}

function codeMigrations(): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/** Everything that can refuse the restore, checked before the database or DATA_DIR is touched. */
async function preflight(client: pg.Client, url: string, manifest: Manifest, staging: string, { config, force }: RestoreOptions) {
  const known = codeMigrations();
  if (manifest.database.migrations > known) {
    throw new BackupError(`L’archive vient d’une version plus récente de l’application (${manifest.database.migrations} migrations, `
      + `ce code en connaît ${known}) : mettez l’application à jour avant de restaurer.`);
  }
  const tables = await ownTableCount(client);
  if (tables > 0 && !force) {
    throw new BackupError(`La base ${safeUrl(url)} n’est pas vide (${tables} tables). Restaurez dans une base vide, ou relancez avec `
      + `--force pour la remplacer : toutes ses données actuelles seront effacées.`);
  }
  const secretFile = join(config.dataDir, SECRET);
  if (manifest.secret.included && existsSync(secretFile) && !force
    && readFileSync(secretFile, 'utf8').trim() !== readFileSync(join(staging, SECRET), 'utf8').trim()) {
    throw new BackupError(`${secretFile} existe et diffère du secret de l’archive (il signe les liens de désinscription des e-mails). `
      + 'Relancez avec --force pour le remplacer par celui de l’archive.');
  }
  return tables;
}

async function restoreFiles(manifest: Manifest, staging: string, { config, log }: RestoreOptions) {
  if (manifest.secret.included) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(join(config.dataDir, SECRET), readFileSync(join(staging, SECRET)), { mode: 0o600 });
    log(`Secret restauré dans ${join(config.dataDir, SECRET)}.`);
  }
  if (manifest.attachments.storage === 's3') {
    log('Les pièces jointes de cette sauvegarde étaient dans un compartiment S3 : elles ne sont pas dans l’archive, '
      + 'restaurez le compartiment à part (à la même date).');
  } else if (existsSync(join(staging, UPLOADS))) {
    // Keys are content addresses: a file already there has the same bytes, so merging is safe.
    await cp(join(staging, UPLOADS), join(config.dataDir, UPLOADS), { recursive: true, force: true });
    log(`${plural(manifest.attachments.files, 'pièce jointe restaurée', 'pièces jointes restaurées')} dans ${join(config.dataDir, UPLOADS)}.`);
    if (config.s3) {
      log(`ATTENTION : S3 est configuré (compartiment « ${config.s3.bucket} ») ; l’application y cherche les pièces jointes, `
        + `pas dans ${join(config.dataDir, UPLOADS)} : copiez-les dans le compartiment.`);
    }
  }
}

/** Row counts after the restore must be those the manifest read in the dump's snapshot. */
async function verify(client: pg.Client, manifest: Manifest) {
  const now = await tableCounts(client);
  const diffs = Object.entries(manifest.tables)
    .filter(([table, n]) => now[table] !== n)
    .map(([table, n]) => `${table} : ${n} attendues, ${now[table] ?? 'table absente'}`);
  if (diffs.length > 0) throw new BackupError(`La base restaurée ne correspond pas à l’archive :\n  ${diffs.join('\n  ')}`);
}

/**
 * Restores an archive of `createBackup` into the application's database (empty, or emptied with `force`)
 * and its DATA_DIR. pg_restore runs in one transaction: a failure never leaves a half-restored database.
 */
export async function restoreBackup(options: RestoreOptions): Promise<void> {
  const { config, log, force } = options;
  const staging = resolve(config.dataDir, `.restauration-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  let target: Awaited<ReturnType<typeof openTarget>> | undefined;
  let client: pg.Client | undefined;
  try {
    log(`Lecture de ${options.archive}…`);
    const manifest = await unpack(options.archive, staging, log);
    const at = utcToParis(new Date(manifest.createdAt));
    log(`Sauvegarde du ${at.date} à ${at.time} (heure de Paris) : version ${manifest.application.version}, `
      + `${manifest.database.migrations} migrations, ${Object.keys(manifest.tables).length} tables.`);
    const pgRestore = await findPgTool('pg_restore', manifest.database.pgDumpMajor, `L’archive (écrite par pg_dump ${manifest.database.pgDump})`);
    target = await openTarget(config, log);
    client = await connect(target.url);
    const existing = await preflight(client, target.url, manifest, staging, options);
    if (existing > 0 && force) {
      log(`--force : effacement des ${existing} tables de ${safeUrl(target.url)}…`);
      await wipe(client);
    }

    log(`Restauration de la base avec ${pgRestore.path} (${pgRestore.version})…`);
    const progress = stepProgress('base de données', manifest.database.relations, log, tables);
    let restored = 0;
    await runPgTool(pgRestore, ['--verbose', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error',
      `--dbname=${target.url}`, join(staging, DUMP)], (line) => {
      if (/processing data for table/.test(line)) progress(++restored);
    });
    await verify(client, manifest);
    log(`Base restaurée et vérifiée : ${Object.keys(manifest.tables).length} tables, mêmes nombres de lignes que l’archive.`);
    await restoreFiles(manifest, staging, options);
    const pending = codeMigrations() - manifest.database.migrations;
    if (pending > 0) log(`${pending} migration(s) plus récente(s) que l’archive seront appliquées au prochain démarrage (npm start).`);
    log('Restauration terminée.');
  } finally {
    await client?.end().catch(() => {});
    rmSync(staging, { recursive: true, force: true });
    await target?.release();
  }
}
