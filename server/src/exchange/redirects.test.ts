import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStorage } from '../lib/storage/index.js';
import { unique, useTestApp } from '../../test/helpers.js';
import { fixtureBundle, writeBundle } from './exchange.fixtures.js';
import { importBundle } from './import.js';

// A built client stand-in: the redirect must come before the page shell's fallback.
const webDist = mkdtempSync(join(tmpdir(), 'ecom-web-'));
writeFileSync(join(webDist, 'index.html'), '<!doctype html><html><head><title>e-communautés</title></head><body></body></html>');
const { app } = await useTestApp({ webDist });

describe('old addresses', () => {
  it('answer 301 to the new page, again after a second import; other unknown paths still get the page shell', async () => {
    const suffix = unique('r');
    const b = fixtureBundle(suffix);
    const dir = writeBundle(b);
    const dataDir = mkdtempSync(join(tmpdir(), 'ecom-redirect-data-'));
    const options = { pool: app.pool, bundle: dir, publicUrl: 'http://localhost:3000', storage: createStorage({ dataDir, s3: undefined }), uploadTmp: join(dataDir, 'tmp') };
    await importBundle(options);
    const { rows } = await app.pool.query(`SELECT kind, source_id, local_id FROM exchange_mappings WHERE source = $1`, [b.source]);
    const id = (kind: string, sid: string) => Number(rows.find((r) => r.kind === kind && r.source_id === sid).local_id);
    const expectations: [string, string][] = [
      [`/${suffix}/forum/sujet/3`, `/publications/${id('post', 'p3')}`],
      [`/${suffix}/profil/alice`, `/membres/${id('member', 'm1')}`],
      [`/${suffix}/groupes/eau`, `/communautes/eau-${suffix}`],
      [`/${suffix}/dossiers/1`, `/communautes/eau-${suffix}/dossiers/${id('dossier', 'd1')}`],
    ];
    for (const round of [1, 2]) {
      if (round === 2) await importBundle(options);
      for (const [from, to] of expectations) {
        const res = await app.inject({ method: 'GET', url: from });
        expect(res.statusCode, `${from} (import ${round})`).toBe(301);
        expect(res.headers.location).toBe(to);
      }
    }
    const shell = await app.inject({ method: 'GET', url: `/${suffix}/nulle-part` });
    expect(shell.statusCode).toBe(200);
    expect(shell.headers['content-type']).toMatch(/text\/html/);
    const api = await app.inject({ method: 'GET', url: `/api/${suffix}/forum/sujet/3` });
    expect(api.statusCode).toBe(404);
  });
});
