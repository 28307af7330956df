import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The migrations say what the Drizzle schema says: `drizzle-kit generate` over a copy of the migrations finds
 * nothing to add (a schema edited without `npm run db:generate` fails here), and `drizzle-kit check` finds the
 * migrations' snapshots consistent. The copy is thrown away: this test writes nothing in the repository.
 */

const ROOT = join(import.meta.dirname, '../..');
const MIGRATIONS = join(ROOT, 'server/src/db/migrations');
const run = promisify(execFile);

describe('migrations and Drizzle schema', () => {
  const copy = join(mkdtempSync(join(tmpdir(), 'ecom-migrations-')), 'migrations');
  cpSync(MIGRATIONS, copy, { recursive: true });
  // drizzle-kit prefixes `--out` with './': it must be relative to the working directory.
  const out = relative(ROOT, copy);
  const kit = (...args: string[]) =>
    run('npx', ['drizzle-kit', ...args, '--dialect', 'postgresql', '--out', out], {
      cwd: ROOT,
      // No terminal: a question (a rename to confirm) ends the command instead of waiting for an answer.
      env: { ...process.env, CI: 'true' },
      timeout: 60_000,
    });
  afterAll(() => rmSync(join(copy, '..'), { recursive: true, force: true }));

  it('generating from the schema adds no migration', async () => {
    const before = readdirSync(copy);
    const { stdout } = await kit('generate', '--schema', './server/src/db/schema/index.ts');
    const added = readdirSync(copy).filter((f) => !before.includes(f));
    expect(added, `le schéma Drizzle a changé sans migration : lancez npm run db:generate -- --name <nom>\n${stdout}`).toEqual([]);
  }, 90_000);

  it('drizzle-kit check finds the migrations consistent', async () => {
    const { stdout } = await kit('check');
    expect(stdout).toMatch(/Everything's fine/);
  }, 90_000);
});
