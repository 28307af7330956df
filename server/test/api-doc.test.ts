import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentedRoutes, registeredRoutes, renderRoutes, UNDOCUMENTED, withRoutes } from './api-doc.js';
import { useTestApp } from './helpers.js';

/**
 * docs/api.md stays true: every route the server registers is in its OpenAPI document, and the route reference of
 * docs/api.md is generated from that document. `UPDATE_API_DOC=1 npx vitest run server/test/api-doc.test.ts`
 * (or `npm run docs:api`) rewrites it; otherwise it must match.
 */
const DOC = 'docs/api.md';

describe('API documentation', async () => {
  const { app } = await useTestApp();
  const spec = app.swagger() as Parameters<typeof renderRoutes>[0];

  it('documents every registered route in the OpenAPI document, and documents none that does not exist', () => {
    const registered = registeredRoutes(app);
    const documented = documentedRoutes(spec);
    expect(registered.length).toBeGreaterThan(200);
    const missing = registered.filter((r) => !documented.includes(r) && !UNDOCUMENTED.some((re) => re.test(r)));
    expect(missing, 'routes absentes du document OpenAPI (schema.hide ?)').toEqual([]);
    expect(documented.filter((r) => !registered.includes(r))).toEqual([]);
  });

  it('says in French what every documented operation does (its summary)', () => {
    const paths = (spec as unknown as { paths: Record<string, Record<string, { summary?: string }>> }).paths;
    const withoutSummary = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops).filter(([, op]) => !op.summary?.trim()).map(([method]) => `${method.toUpperCase()} ${path}`));
    expect(withoutSummary).toEqual([]);
  });

  it('docs/api.md lists the routes of the OpenAPI document', () => {
    const doc = readFileSync(DOC, 'utf8');
    const updated = withRoutes(doc, renderRoutes(spec));
    if (process.env.UPDATE_API_DOC === '1') writeFileSync(DOC, updated);
    else expect(updated, `${DOC} n’est pas à jour : relancez avec UPDATE_API_DOC=1`).toBe(doc);
  });
});
