// Runs one autocannon load in a child process, so that the load generator shares neither the
// server's event loop nor its memory: the API process's resident memory is measured alone.
// Plain JavaScript: it runs without tsx.
import autocannon from 'autocannon';

process.once('message', async ({ url, connections, duration, variants }) => {
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
  const before = process.cpuUsage();
  const result = await autocannon(opts);
  const cpu = process.cpuUsage(before);
  process.send({
    rps: result.requests.total / result.duration,
    total: result.requests.total,
    p50: result.latency.p50,
    p97: result.latency.p97_5,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    cpuMs: (cpu.user + cpu.system) / 1000,
  }, () => process.exit(0));
});
