import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION, KINDS, Manifest } from './format.js';

/** docs/exchange-format/*.schema.json are format.ts's schemas as published JSON Schema; UPDATE_EXCHANGE_SCHEMAS=1 rewrites them. */
const DIR = join(process.cwd(), 'docs', 'exchange-format');
const published = [...KINDS.map((k) => ({ name: k.file.replace('.jsonl', ''), schema: k.schema })), { name: 'manifest', schema: Manifest }];

function document(name: string, schema: object): string {
  return `${JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:e-communautes:format-echange:v${FORMAT_VERSION}:${name}`,
    title: `Format d’échange e-communautés v${FORMAT_VERSION} : ${name}`,
    ...schema,
  }, null, 2)}\n`;
}

describe('published JSON Schemas of the exchange format', () => {
  it('match format.ts', () => {
    if (process.env.UPDATE_EXCHANGE_SCHEMAS === '1') mkdirSync(DIR, { recursive: true });
    for (const { name, schema } of published) {
      const file = join(DIR, `${name}.schema.json`);
      const text = document(name, schema);
      if (process.env.UPDATE_EXCHANGE_SCHEMAS === '1') writeFileSync(file, text);
      expect(existsSync(file), `${file} : UPDATE_EXCHANGE_SCHEMAS=1 npx vitest run server/src/exchange/schemas.test.ts`).toBe(true);
      expect(readFileSync(file, 'utf8'), file).toBe(text);
    }
  });
});
