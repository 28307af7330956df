import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../db/client.js';
import { createStorage } from '../lib/storage/index.js';
import { seedDemo } from '../seed/demo.js';
import { exportBundle } from './export.js';
import { freshDatabase } from './exchange.fixtures.js';
import { importBundle } from './import.js';

const PUBLIC = 'https://e-communautes.example.fr';
const dbs: Awaited<ReturnType<typeof freshDatabase>>[] = [];
afterAll(async () => { for (const db of dbs) await db.drop(); });

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) if (name.endsWith('.jsonl')) out[name] = readFileSync(join(dir, name), 'utf8');
  for (const name of readdirSync(join(dir, 'files'))) out[`files/${name}`] = readFileSync(join(dir, 'files', name)).toString('base64');
  const { generatedAt, ...manifest } = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  expect(Date.parse(generatedAt)).not.toBeNaN();
  out['manifest.json'] = JSON.stringify(manifest);
  return out;
}

describe('round trip', () => {
  it('export of the demo network, import into an empty database, export again: the same files', async () => {
    const demo = await freshDatabase('rt_demo');
    dbs.push(demo);
    await seedDemo(createDb(demo.pool));
    const storage = createStorage({ dataDir: mkdtempSync(join(tmpdir(), 'ecom-rt-')), s3: undefined });
    const first = mkdtempSync(join(tmpdir(), 'ecom-rt-a-'));
    const manifest = await exportBundle({ pool: demo.pool, folder: first, source: 'demo', publicUrl: PUBLIC, storage, pageSize: 50 });
    expect(manifest.counts).toMatchObject({ member: expect.any(Number), post: expect.any(Number) });
    expect(manifest.counts.post).toBeGreaterThan(20);

    const empty = await freshDatabase('rt_empty');
    dbs.push(empty);
    const report = await importBundle({ pool: empty.pool, bundle: first, publicUrl: PUBLIC, storage, uploadTmp: join(tmpdir(), 'ecom-rt-tmp') });
    expect(report.problems).toEqual([]);
    const second = mkdtempSync(join(tmpdir(), 'ecom-rt-b-'));
    await exportBundle({ pool: empty.pool, folder: second, source: 'demo', publicUrl: PUBLIC, storage, pageSize: 50 });
    const [a, b] = [files(first), files(second)];
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const name of Object.keys(a)) expect(b[name], name).toBe(a[name]);
  }, 300_000);
});
