// Compiles the server's TypeScript to JavaScript in build/ (same tree: build/server/src/…, build/common/…), so that
// `npm start` runs plain JavaScript without tsx's loader in memory (ADR 0008). esbuild only strips the types
// (tsc --noEmit checks them); files the server reads next to its modules (migrations, word lists, demo feeds)
// are copied beside the compiled ones. Run again only when a source is newer than the build.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOTS = ['server/src', 'common', 'bench'];
const OUT = 'build';
const STAMP = join(OUT, '.built');

function walk(dir, files = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, files); else files.push(p);
  }
  return files;
}

const files = ROOTS.flatMap((root) => walk(root));
const newest = Math.max(...files.map((f) => statSync(f).mtimeMs), statSync('package.json').mtimeMs);
const force = process.argv.includes('--force');
if (!force && existsSync(STAMP) && statSync(STAMP).mtimeMs >= newest) process.exit(0);

const started = Date.now();
rmSync(OUT, { recursive: true, force: true });
const isSource = (f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts');
await build({
  entryPoints: files.filter(isSource), outdir: OUT, outbase: '.', platform: 'node', format: 'esm', target: 'node20',
  logLevel: 'warning',
});
for (const f of files) {
  if (f.endsWith('.ts')) continue;
  mkdirSync(join(OUT, f, '..'), { recursive: true });
  cpSync(f, join(OUT, f));
}
cpSync('package.json', join(OUT, 'package.json'));
writeFileSync(STAMP, new Date().toISOString());
console.log(`Serveur compilé dans ${OUT}/ (${files.filter(isSource).length} fichiers, ${((Date.now() - started) / 1000).toFixed(1)} s).`);
