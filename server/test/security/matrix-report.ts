import type { Expectation } from './authz-policy.js';
import type { MatrixRow } from './matrix.js';
import { ROLES, type Role } from './world.js';

/** Compares the matrix with the expected policy, and renders it for docs/security.md. */

const LETTER: Record<Role, string> = { anonymous: 'a', member: 'm', otherAnimator: 'o', animator: 'n', coordinator: 'c', national: 't' };

export interface Verdict {
  /** A role got through where the policy refuses it: a security bug. */
  unexpectedAllows: string[];
  /** Every other difference (a refusal where the policy allows, a route without a decision...). */
  mismatches: string[];
}

export function compare(rows: MatrixRow[], expected: Record<string, Expectation>): Verdict {
  const verdict: Verdict = { unexpectedAllows: [], mismatches: [] };
  const seen = new Set<string>();
  for (const row of rows) {
    seen.add(row.op);
    const exp = expected[row.op];
    if (!exp) {
      verdict.mismatches.push(`${row.op}: route sans attendu dans authz-policy.ts`);
      continue;
    }
    for (const role of ROLES) {
      const cell = row[role];
      const allowed = exp.allow.includes(LETTER[role]);
      const what = `${row.op} as ${role}: ${cell.status} ${cell.body.slice(0, 160)}`;
      if (!allowed && cell.outcome === 'allowed') verdict.unexpectedAllows.push(what);
      else if (!allowed && cell.outcome === 'other') verdict.mismatches.push(`${what} (expected a refusal, 401/403/404)`);
      else if (allowed && cell.outcome === 'refused') verdict.mismatches.push(`${what} (expected allowed)`);
      else if (allowed && cell.outcome === 'other' && !exp.input) verdict.mismatches.push(`${what} (expected a success: fix the request in matrix-bodies.ts)`);
    }
  }
  for (const op of Object.keys(expected)) if (!seen.has(op)) verdict.mismatches.push(`${op}: attendu pour une route qui n’existe plus`);
  return verdict;
}

const MARK = { allowed: '✔', refused: '✘', other: '~' } as const;

/** The Markdown table of the matrix, one row per route, as written in docs/security.md. */
export function renderMatrix(rows: MatrixRow[], expected: Record<string, Expectation>): string {
  const lines = [
    '| Route | Attendu | anonyme | membre | animateur ailleurs | animateur | coordinateur | national |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const exp = expected[row.op];
    const allow = exp ? (exp.allow || '—') + (exp.input ? ' (entrée)' : '') : '?';
    const cells = ROLES.map((role) => `${MARK[row[role].outcome]} ${row[role].status}`);
    lines.push(`| \`${row.op}\` | ${allow} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export const BEGIN = '<!-- matrice des autorisations : début (généré par server/test/authz-matrix.test.ts) -->';
export const END = '<!-- matrice des autorisations : fin -->';

/** The document with the generated part replaced (or checked against, when not updating). */
export function withMatrix(doc: string, table: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error('docs/security.md : marqueurs de la matrice introuvables');
  return `${doc.slice(0, start + BEGIN.length)}\n${table}\n${doc.slice(end)}`;
}
