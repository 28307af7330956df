import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RenderPool as Pool } from './render-pool.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/**
 * The render threads start one of two ways: from the sources (tsx registered in the thread) or, as `npm start` runs
 * it, from the compiled build (the JavaScript worker beside the pool; ADR 0008). Both must render the same.
 */
describe('render threads', () => {
  const body = { format: 'html' as const, content: '<p>Bonjour <strong>à tous</strong><script>alert(1)</script></p>' };

  it.each([
    ['the sources', './render-pool.js'],
    ['the compiled build', pathToFileURL(join(ROOT, 'build/server/src/exchange/render-pool.js')).href],
  ])('render imported HTML from %s', async (_from, module) => {
    const { RenderPool } = await import(module) as { RenderPool: typeof Pool };
    const pool = new RenderPool(1);
    try {
      const [rendered] = await pool.render([body], true);
      expect(rendered!.md).toBe('Bonjour **à tous**');
      expect(rendered!.html).toContain('<strong>à tous</strong>');
      expect(rendered!.html).not.toContain('script');
    } finally {
      await pool.close();
    }
  });
});
