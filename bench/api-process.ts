/**
 * The API under benchmark, in its own process as in production (`npm start`): forked by harness.ts as compiled JavaScript
 * (build/, as `npm start` runs it), so that its memory and CPU are the API's alone, not the bench's (sessions, request plans, fixtures).
 *
 * Builds the application as `npm start` does (migrations first), adds the `/bench/reference` route, listens on a
 * free port and sends it to the parent ({ type: 'ready', port }). Then answers the parent's requests, each
 * `{ id, type, … }` answered by `{ id, … }`:
 *   memory     → the peak RSS seen (sampled every 100 ms) with its heap and external parts, and the current usage
 *                (`gc: true` first runs the garbage collector when the process was started with --expose-gc);
 *   pageCache  → the page cache's hits, misses, entries, bytes and bound;
 *   reference  → sets the Buffer the reference route answers;
 *   close      → closes the application, its pool and mailer, then exits.
 * It exits too when the parent goes away.
 */
import { buildApp } from '../server/src/app.js';
import { createDb, createPool } from '../server/src/db/client.js';
import { runMigrations } from '../server/src/db/migrate.js';
import { createMailer } from '../server/src/modules/mail/service.js';
import { benchConfig, type ApiMemory, type ApiRequest, type PageCacheStats } from './harness.js';

const send = (m: unknown, then?: () => void) => process.send!(m, undefined, {}, then);

try {
  const url = process.env.DATABASE_URL ?? '';
  const config = benchConfig(url);
  const pool = createPool(url);
  const db = createDb(pool);
  // As `npm start` does: a data set loaded before the latest migrations still matches the code.
  await runMigrations(db);
  const mailer = createMailer(db, undefined, config.mailFrom, () => {});
  const app = await buildApp(config, { db, pool, mailer });

  let reference: Buffer = Buffer.alloc(0);
  app.get('/bench/reference', (_request, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(reference));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();

  let peak = process.memoryUsage();
  // rss() alone is cheap; the full reading (heap statistics) only at a new peak: the sampler's own CPU counts in the
  // API's CPU per request (it was 0.7 % of the API's time under bench:mixed).
  const sampler = setInterval(() => {
    if (process.memoryUsage.rss() > peak.rss) peak = process.memoryUsage();
  }, 100);
  const mb = (n: number) => n / 1024 / 1024;

  process.on('message', (m: ApiRequest) => {
    void (async () => {
      switch (m.type) {
        case 'memory': {
          if (m.gc) global.gc?.();
          const now = process.memoryUsage();
          if (now.rss > peak.rss) peak = now;
          const reply: ApiMemory = {
            peak: { rssMb: mb(peak.rss), heapMb: mb(peak.heapTotal), externalMb: mb(peak.external) },
            now: { rssMb: mb(now.rss), heapMb: mb(now.heapUsed), externalMb: mb(now.external) },
          };
          return send({ id: m.id, ...reply });
        }
        case 'pageCache': {
          const { hits, misses, size, bytes, maxBytes } = app.pageCache;
          const reply: PageCacheStats = { hits, misses, size, bytes, maxBytes };
          return send({ id: m.id, ...reply });
        }
        case 'reference':
          reference = Buffer.from(m.body, 'base64');
          return send({ id: m.id });
        case 'close':
          // Exits in every case: the parent waits for the exit, and reads a failure from the code.
          clearInterval(sampler);
          try {
            await app.close();
            mailer.close();
            await pool.end();
          } catch (err) {
            return send({ id: m.id, error: err instanceof Error ? err.stack ?? err.message : String(err) }, () => process.exit(1));
          }
          return send({ id: m.id }, () => process.exit(0));
      }
    })().catch((err: unknown) => send({ id: m.id, error: err instanceof Error ? err.stack ?? err.message : String(err) }));
  });
  process.once('disconnect', () => process.exit(0));
  send({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
} catch (err) {
  send({ type: 'failed', error: err instanceof Error ? err.stack ?? err.message : String(err) }, () => process.exit(1));
}
