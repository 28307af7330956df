// Builds the web client when web/dist is missing or older than its sources, so `npm start` stays fast.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = 'web/dist/index.html';
const sources = Math.max(newest('web/src'), newest('common'), statSync('web/index.html').mtimeMs, statSync('web/vite.config.ts').mtimeMs);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('Construction du client web…');
  execSync('npx vite build --config web/vite.config.ts --logLevel warn', { stdio: 'inherit' });
}
