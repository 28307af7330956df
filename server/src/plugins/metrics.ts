import { createServer, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import { ERRORS } from '../../../common/errors.js';
import { AppError } from '../lib/errors.js';
import { httpDuration, instrumentPool, registry } from '../lib/metrics.js';
import type { App } from '../types.js';

/** Constant-time comparison of the bearer token, so its bytes cannot be guessed one by one. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const sent = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

/**
 * Request durations by route, and `/metrics` (lib/metrics.ts) for whoever holds METRICS_TOKEN
 * (`Authorization: Bearer …`). The figures tell an outsider the load, the routes and the failures of
 * the platform: without a token they are not served on the public port at all (404, as an unknown path),
 * and METRICS_PORT serves them on 127.0.0.1 instead (serveMetrics, started by main.ts).
 */
export default fp(async function metricsPlugin(app: App) {
  instrumentPool(app.pool, 'app');
  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const token = app.config.metricsToken;
    if (!token) return reply.status(404).send({ code: 'NOT_FOUND', message: ERRORS.NOT_FOUND.message });
    if (!bearerMatches(request.headers.authorization, token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new AppError('METRICS_TOKEN_REQUIRED');
    }
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
});

/**
 * `/metrics` alone on its own port, bound to 127.0.0.1: for a Prometheus agent on the same machine,
 * and for a worker-only process, which has no web server. No token: only local processes reach it.
 */
export async function serveMetrics(port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ code: 'NOT_FOUND', message: ERRORS.NOT_FOUND.message }));
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
