import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Modules that reach each other through value imports, however long the path (issue 16, item 4). Reactions go through
 * domain events (server/src/events, ADR 0006); the rest is layered, so that no module reaches back to one that uses it:
 * - sign-in: accounts at the bottom, directory and member-import on it, sso on those, mfa on sso (its gate finishes a
 *   held ProConnect sign-in), and sign-in on top, composing the three;
 * - content: posts is the base; what it checks or records at write time lives in leaves below it (sanctions, trust,
 *   read-state), and the modules that build on it (moderation, notifications, questions, reading, dossiers, calendar,
 *   search) sit above it, those that react to its writes through events.
 * The file-level gate (import-x/no-cycle) passes too; this one sees cycles through any path between folders.
 */
const ROOT = join(import.meta.dirname, '..', 'src', 'modules');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.includes('fixtures') ? [path] : [];
  });
}

/** module → the modules it imports values from (type-only imports are erased: they tie nothing at run time). */
function moduleGraph(): Map<string, Set<string>> {
  const modules = readdirSync(ROOT, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const graph = new Map(modules.map((m) => [m, new Set<string>()]));
  for (const m of modules) {
    for (const file of sourceFiles(join(ROOT, m))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/^import (type )?[^;]*? from '\.\.\/([a-z-]+)\//gm)) {
        const target = match[2]!;
        if (!match[1] && target !== m && graph.has(target)) graph.get(m)!.add(target);
      }
    }
  }
  return graph;
}

/** Groups of two or more modules that reach each other (strongly connected components, Tarjan). */
function groups(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do { w = stack.pop()!; group.push(w); } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('module-level import cycles', () => {
  it('are none', () => {
    expect(groups(moduleGraph()).map((g) => `cycle entre modules : ${g.join(' ↔ ')}`)).toEqual([]);
  });

  it('finds a cycle when one is there', () => {
    const graph = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])]]);
    expect(groups(graph)).toEqual([['a', 'b', 'c']]);
  });
});
