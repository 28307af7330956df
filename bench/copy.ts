import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import pgCopy from 'pg-copy-streams';
import cliProgress from 'cli-progress';

export { esc, NULL } from '../server/src/db/copy.js';

/**
 * Streams rows produced by `rows` into `table` with COPY, in ~64 KB chunks so memory stays flat
 * whatever the row count. Each yielded string is one line, columns already escaped and tab-separated.
 */
export async function copyRows(
  client: pg.PoolClient | pg.Client,
  label: string,
  table: string,
  columns: string[],
  total: number,
  rows: () => Generator<string>,
  options = '',
  progress = true,
): Promise<number> {
  const bar = progress ? new cliProgress.SingleBar(
    { format: `${label.padEnd(14)} [{bar}] {percentage}% | {value}/{total} | {duration}s`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 },
    cliProgress.Presets.shades_classic,
  ) : undefined;
  bar?.start(total, 0);
  let count = 0;
  function* chunks(): Generator<string> {
    let buf = '';
    for (const line of rows()) {
      buf += line;
      buf += '\n';
      count += 1;
      if (buf.length > 65_536) {
        bar?.update(count);
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  const stream = client.query(pgCopy.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN ${options}`));
  await pipeline(Readable.from(chunks()), stream);
  bar?.update(count);
  bar?.stop();
  return count;
}
