// Runs one autocannon load in a worker thread, so the client never shares the server's event loop.
// Plain JavaScript: worker threads do not go through tsx.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const { url, connections, duration, variants } = workerData;
let next = 0;
const opts = {
  url,
  connections,
  duration,
  // Each request takes the next variant (path, headers, body), e.g. another member or another post.
  // A body's "{n}" becomes a request number: writes must not trip the duplicate-content check.
  requests: [{
    setupRequest: (req) => {
      const n = next++;
      const v = variants[n % variants.length];
      return { ...req, ...v, ...(v.body ? { body: v.body.replace('{n}', String(n)) } : {}) };
    },
  }],
};
// Inside a worker thread autocannon returns raw histograms; aggregate them as the main thread would.
const raw = await autocannon(opts);
const result = autocannon.aggregateResult([raw], opts);
parentPort.postMessage({
  rps: raw.totalCompletedRequests / raw.duration,
  total: raw.totalCompletedRequests,
  p50: result.latency.p50,
  p97: result.latency.p97_5,
  p99: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  bytesPerSec: result.throughput.average,
});
