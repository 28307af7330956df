/**
 * `npm run export -- <folder> [--community <slug>]`: the same format from the database, page by page (keyset),
 * each file streamed to disk. Empty optional fields are left out, as the importer leaves them empty: an export,
 * its import elsewhere and an export there give the same files but for the manifest's generation time.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import type { Storage } from '../lib/storage/index.js';
import { ExchangeError } from './errors.js';
import { FORMAT_NAME, FORMAT_VERSION, KINDS, type Kind, type ManifestData } from './format.js';
import { PAIR_QUERIES, QUERIES } from './export-queries.js';
import { line } from './export-lines.js';

export interface ExportOptions {
  pool: pg.Pool;
  folder: string;
  community?: string;
  /** The name this platform goes by in bundles (default: the host of PUBLIC_URL). */
  source: string;
  publicUrl: string;
  storage: Storage;
  log?: (msg: string) => void;
  pageSize?: number;
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export async function exportBundle(options: ExportOptions): Promise<ManifestData> {
  const log = options.log ?? (() => {});
  const page = options.pageSize ?? 2000;
  mkdirSync(join(options.folder, 'files'), { recursive: true });
  const client = await options.pool.connect();
  try {
    // One snapshot for every file: references between files stay consistent while the platform runs.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: scope } = await client.query<{ id: number }>(
      'SELECT id FROM communities WHERE $1::text IS NULL OR slug = $1 ORDER BY id', [options.community ?? null]);
    if (options.community && scope.length === 0) throw new ExchangeError(`aucune e-communauté n’a l’adresse « ${options.community} ».`);
    const communities = scope.map((r) => Number(r.id));
    const counts: Record<string, number> = {};
    const files: { sha256: string; key: string }[] = [];
    for (const { kind, file, label } of KINDS) {
      const out = createWriteStream(join(options.folder, file));
      let n = 0;
      const base = [options.source, options.publicUrl, communities];
      if (kind === 'membership' || kind === 'reaction') {
        let after: [number, number] = [0, 0];
        for (;;) {
          const { rows } = await client.query(PAIR_QUERIES[kind], [...base, ...after, page]);
          for (const row of rows) await write(out, `${JSON.stringify(line(kind, row))}\n`);
          n += rows.length;
          if (rows.length < page) break;
          after = [Number(rows.at(-1)!.k1), Number(rows.at(-1)!.k2)];
        }
      } else {
        let after = 0;
        for (;;) {
          const { rows } = await client.query(QUERIES[kind as Exclude<Kind, 'membership' | 'reaction'>], [...base, after, page]);
          for (const row of rows) {
            await write(out, `${JSON.stringify(line(kind, row))}\n`);
            if (kind === 'attachment') files.push({ sha256: row.sha256, key: row.storage_key });
          }
          n += rows.length;
          if (rows.length < page) break;
          after = Number(rows.at(-1)!.key);
        }
      }
      out.end();
      await once(out, 'finish');
      counts[kind] = n;
      log(`  ${label} : ${n.toLocaleString('fr-FR')}`);
    }
    await client.query('COMMIT');
    for (const f of files) {
      const blob = await options.storage.get(f.key);
      if (!blob) throw new ExchangeError(`fichier de la pièce jointe ${f.sha256} absent du stockage.`);
      await pipeline(blob.stream, createWriteStream(join(options.folder, 'files', f.sha256)));
    }
    const manifest: ManifestData = { format: FORMAT_NAME, version: FORMAT_VERSION, source: options.source, generatedAt: new Date().toISOString(), counts };
    const m = createWriteStream(join(options.folder, 'manifest.json'));
    await write(m, `${JSON.stringify(manifest, null, 2)}\n`);
    m.end();
    await once(m, 'finish');
    return manifest;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
