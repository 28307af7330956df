import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('computes once per key while fresh, again once stale', async () => {
    const cache = new TtlCache<number>(1000, 10);
    let calls = 0;
    const compute = async () => ++calls;
    const [a, b] = await Promise.all([cache.get('k', compute, 0), cache.get('k', compute, 10)]);
    expect([a.value, b.value, calls]).toEqual([1, 1, 1]);
    expect(a.at).toBe(0);
    expect((await cache.get('k', compute, 999)).value).toBe(1);
    const stale = await cache.get('k', compute, 1000);
    expect([stale.value, stale.at]).toEqual([2, 1000]);
  });

  it('does not keep a failure, and drops the oldest entry past its size', async () => {
    const cache = new TtlCache<string>(1000, 2);
    await expect(cache.get('bad', () => Promise.reject(new Error('panne')), 0)).rejects.toThrow('panne');
    expect((await cache.get('bad', async () => 'ok', 1)).value).toBe('ok');
    await cache.get('b', async () => 'b', 2);
    await cache.get('c', async () => 'c', 3);
    let recomputed = false;
    await cache.get('bad', async () => { recomputed = true; return 'again'; }, 4);
    expect(recomputed).toBe(true);
  });
});
