// Runs one autocannon load in a child process, so that the load generator shares neither the
// server's event loop nor its memory: the API process's resident memory is measured alone.
// Plain JavaScript: it runs without tsx.
import autocannon from 'autocannon';

process.once('message', async ({ url, connections, duration, variants }) => {
  let next = 0;
  // The first refused requests, to say what failed (a count of errors alone does not).
  const refused = [];
  // Latencies per variant label (bench:mixed labels each kind of request): which kinds make the tail of a mix.
  // One request in flight per connection, so the connection's context holds the one being timed.
  const byLabel = new Map();
  const opts = {
    url,
    connections,
    duration,
    // Each request takes the next variant (path, headers, body), e.g. another member or another post.
    // Every "{n}" of a body becomes the request number: writes must not trip the duplicate-content check.
    requests: [{
      setupRequest: (req, context) => {
        const n = next++;
        const v = variants[n % variants.length];
        if (v.label) Object.assign(context, { label: v.label, start: performance.now() });
        const { label: _label, ...request } = v;
        return { ...req, ...request, ...(request.body ? { body: request.body.replaceAll('{n}', String(n)) } : {}) };
      },
      onResponse: (status, body, context) => {
        if (status >= 300 && refused.length < 5) refused.push(`${status} ${String(body).slice(0, 160)}`);
        if (context.label) {
          let times = byLabel.get(context.label);
          if (!times) byLabel.set(context.label, (times = []));
          times.push(performance.now() - context.start);
        }
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
    refused,
    byLabel: Object.fromEntries([...byLabel].map(([label, times]) => {
      times.sort((a, b) => a - b);
      const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
      return [label, { count: times.length, p50: at(0.5), p99: at(0.99) }];
    })),
  }, () => process.exit(0));
});
