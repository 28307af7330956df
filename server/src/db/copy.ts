/**
 * COPY … FROM STDIN in PostgreSQL's text format, for bulk loads (the importer's big tables, bench seeding): no
 * statement to plan per batch and no JSON for the server to parse. COPY runs inside the caller's transaction, so a
 * batch copied this way commits or rolls back with the rest of it.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import pgCopy from 'pg-copy-streams';

/** The text format's NULL. */
export const NULL = '\\N';

/** Escapes a value for COPY's text format. */
export function esc(value: string): string {
  return /[\\\n\r\t]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
    : value;
}

export type CopyValue = string | number | boolean | null | undefined | string[];

function field(value: CopyValue): string {
  if (value === null || value === undefined) return NULL;
  if (typeof value === 'string') return esc(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  // A text[] literal: every element quoted, so commas, braces and spaces inside a tag stay in it.
  return esc(`{${value.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`);
}

/** Copies `rows` (objects keyed by column name; missing keys are NULL) into `columns` of `table`. */
export async function copyObjects(client: pg.ClientBase, table: string, columns: readonly string[],
  rows: Record<string, CopyValue>[]): Promise<void> {
  if (rows.length === 0) return;
  let text = '';
  for (const row of rows) text += `${columns.map((c) => field(row[c])).join('\t')}\n`;
  await pipeline(Readable.from([Buffer.from(text)]), client.query(pgCopy.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}
