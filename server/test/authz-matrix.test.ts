import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers.js';
import { EXPECTED } from './security/authz-policy.js';
import { runMatrix } from './security/matrix.js';
import { compare, renderMatrix, withMatrix } from './security/matrix-report.js';
import { buildWorld, stock } from './security/world.js';

/**
 * The authorization matrix (issue 12): every OpenAPI route called by anonymous, a member, an animator of
 * another community, an animator, the coordinator and the national team, on resources of community A
 * written by someone else; compared with the policy in security/authz-policy.ts. The table in
 * docs/security.md is this run: UPDATE_SECURITY_DOC=1 rewrites it, otherwise it must match.
 */
const DOC = 'docs/security.md';

describe('authorization matrix', async () => {
  const { app } = await useTestApp({ rateLimitFactor: 1_000_000 });

  it('refuses every role the policy refuses, on every route, and the document shows this run', async () => {
    const world = await buildWorld(app);
    await stock(world, 1);
    const rows = await runMatrix(world);
    const verdict = compare(rows, EXPECTED);
    expect(verdict.unexpectedAllows, 'autorisations inattendues').toEqual([]);
    expect(verdict.mismatches).toEqual([]);

    const doc = readFileSync(DOC, 'utf8');
    const updated = withMatrix(doc, renderMatrix(rows, EXPECTED));
    if (process.env.UPDATE_SECURITY_DOC === '1') writeFileSync(DOC, updated);
    else expect(updated, `${DOC} n’est pas à jour : relancez avec UPDATE_SECURITY_DOC=1`).toBe(doc);
  }, 600_000);
});
