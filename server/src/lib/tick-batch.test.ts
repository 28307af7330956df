import { describe, expect, it } from 'vitest';
import { TickBatch } from './tick-batch.js';

function recorder(answer: (k: number) => string | undefined = (k) => `r${k}`) {
  const runs: number[][] = [];
  const batch = new TickBatch<number, string>(async (keys) => {
    runs.push(keys);
    return keys.map(answer);
  }, String, { max: 3 });
  return { runs, batch };
}

describe('TickBatch', () => {
  it('answers the calls of one turn with one run, equal keys sharing an answer', async () => {
    const { runs, batch } = recorder((k) => (k === 2 ? undefined : `r${k}`));
    const answers = await Promise.all([batch.load(1), batch.load(2), batch.load(1)]);
    expect(answers).toEqual(['r1', undefined, 'r1']);
    expect(runs).toEqual([[1, 2]]);
    // A later turn is a new run.
    expect(await batch.load(1)).toBe('r1');
    expect(runs).toHaveLength(2);
  });

  it('sends a full batch at once and keeps gathering the rest', async () => {
    const { runs, batch } = recorder();
    const answers = await Promise.all([1, 2, 3, 4].map((k) => batch.load(k)));
    expect(answers).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(runs).toEqual([[1, 2, 3], [4]]);
  });

  it('hands the keys to the run in the order asked for', async () => {
    const runs: number[][] = [];
    const batch = new TickBatch<number, number>(async (keys) => {
      runs.push(keys);
      return keys.map((k) => -k);
    }, String, { order: (a, b) => a - b });
    expect(await Promise.all([3, 1, 2].map((k) => batch.load(k)))).toEqual([-3, -1, -2]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('fails every call of a failed run, and the next turn runs again', async () => {
    let fail = true;
    const batch = new TickBatch<number, number>(async (keys) => {
      if (fail) throw new Error('connexion perdue');
      return keys;
    }, String);
    const failed = await Promise.allSettled([batch.load(1), batch.load(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await batch.load(3)).toBe(3);
  });
});
