import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers.js';
import { describeFailure, fuzz } from './security/fuzz.js';

/**
 * The short run of the API fuzzer (the long one is `npm run fuzz`): every OpenAPI operation several
 * times, valid and hostile, as each role. Any 5xx fails the test with the requests that caused it.
 * FUZZ_SEED replays a run; FUZZ_REQUESTS changes its length.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1500);

describe('API fuzz', async () => {
  const { app } = await useTestApp({ rateLimitFactor: 1_000_000 });

  it(`answers ${REQUESTS} generated and hostile requests without a 5xx (seed ${SEED})`, async () => {
    const report = await fuzz(app, { requests: REQUESTS, seed: SEED, sharedDb: true });
    console.log(`fuzz: seed ${SEED}, ${report.requests} requests on ${report.operations} operations in ${(report.durationMs / 1000).toFixed(1)} s; `
      + `statuses ${JSON.stringify(report.byStatus)}; ${report.reached.size} operations answered a 2xx`);
    expect(report.requests).toBe(REQUESTS);
    expect(report.failures.map(describeFailure), `replay with FUZZ_SEED=${SEED}`).toEqual([]);
  }, 180_000);
});
