import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTestApp, useTestApp } from '../../test/helpers.js';
import { signIn } from '../modules/posts/posts.fixtures.js';
import { listen } from '../modules/messages/messages.fixtures.js';
import { startSmtpSink } from '../../test/smtp-sink.js';
import { createMailer } from '../modules/mail/service.js';
import { hit } from '../lib/rate-limit.js';
import { JobRunner, type JobDefinition } from '../jobs/runner.js';
import { loadConfig } from '../config.js';
import { serveMetrics } from './metrics.js';

const TOKEN = 'metrics-token-for-tests-0123456789';

/** Sum of a metric's samples whose labels contain every `labels` pair (`name{a="b"} 3` lines). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    if (Object.entries(labels).every(([k, v]) => (m[2] ?? '').includes(`${k}="${v}"`))) total += Number(m[3]);
  }
  return total;
}

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('/metrics', async () => {
  const { app } = await useTestApp({ metricsToken: TOKEN, rateLimitFactor: 1 });
  const scrape = async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  it('is not served without a configured token', async () => {
    const open = await makeTestApp();
    try {
      const res = await open.app.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
      expect(res.body).not.toContain('process_cpu');
    } finally {
      await open.close();
    }
  });

  it('answers 401 without the right bearer token, and the figures with it', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const res = await app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.json()).toMatchObject({ code: 'METRICS_TOKEN_REQUIRED' });
      expect(res.headers['www-authenticate']).toContain('Bearer');
    }
    const body = await scrape();
    for (const name of [
      'http_request_duration_seconds', 'mail_messages_total', 'rate_limit_refusals_total', 'jobs_runs_total', 'job_duration_seconds',
      'jobs_queued', 'live_connections', 'db_pool_connections', 'db_pool_idle_connections', 'db_pool_waiting_requests', 'db_pool_acquire_seconds',
    ]) expect(body, name).toContain(`# TYPE ${name} `);
  });

  it('refuses a token too short to be secret', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'court' } as NodeJS.ProcessEnv, [])).toThrow(/METRICS_TOKEN/);
  });

  it('counts mails sent and failed, and rate-limit refusals', async () => {
    const before = await scrape();
    const sink = await startSmtpSink();
    const working = createMailer(app.db, sink.url, 'test <t@test.fr>', () => {});
    // Nothing listens on port 9 of the loopback: the connection is refused at once.
    const broken = createMailer(app.db, 'smtp://127.0.0.1:9', 'test <t@test.fr>', () => {});
    try {
      expect(await working.send({ to: 'a@exemple.fr', subject: 'Essai', text: 'Essai', html: '<p>Essai</p>' })).toBe('sent');
      expect(await broken.send({ to: 'b@exemple.fr', subject: 'Essai', text: 'Essai', html: '<p>Essai</p>' })).toBe('failed');
    } finally {
      working.close();
      broken.close();
      await sink.close();
    }
    const limit = { action: 'metrics-test', max: 1, windowSeconds: 60 };
    const subject = `t${Date.now()}`;
    await hit(app, limit, subject);
    await expect(hit(app, limit, subject)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const after = await scrape();
    expect(sample(after, 'mail_messages_total', { status: 'sent' })).toBe(sample(before, 'mail_messages_total', { status: 'sent' }) + 1);
    expect(sample(after, 'mail_messages_total', { status: 'failed' })).toBe(sample(before, 'mail_messages_total', { status: 'failed' }) + 1);
    expect(sample(after, 'rate_limit_refusals_total', { action: 'metrics-test' })).toBe(1);
  });

  it('counts jobs run, failed and their duration, and the jobs waiting', async () => {
    const ok: JobDefinition<object> = { name: `metrics-ok-${process.pid}`, handler: async () => {} };
    const ko: JobDefinition<object> = { name: `metrics-ko-${process.pid}`, retryLimit: 0, handler: async () => { throw new Error('échec voulu'); } };
    const idle: JobDefinition<object> = { name: `metrics-idle-${process.pid}`, handler: async () => {} };
    const sender = await JobRunner.start({ db: app.db, pool: app.pool, log: () => {}, definitions: [ok, ko, idle], work: false });
    await sender.send(idle.name, {});
    await sender.send(idle.name, {});
    expect(sample(await scrape(), 'jobs_queued', { queue: idle.name })).toBe(2);
    const worker = await JobRunner.start({ db: app.db, pool: app.pool, log: () => {}, definitions: [ok, ko], work: true, pollingIntervalSeconds: 0.5 });
    try {
      await sender.send(ok.name, {});
      await sender.send(ko.name, {});
      await until(async () => {
        const text = await scrape();
        return sample(text, 'jobs_runs_total', { queue: ok.name, outcome: 'completed' }) === 1
          && sample(text, 'jobs_runs_total', { queue: ko.name, outcome: 'failed' }) === 1;
      });
      expect(sample(await scrape(), 'job_duration_seconds_count', { queue: ok.name })).toBe(1);
    } finally {
      await worker.stop();
      await sender.stop();
    }
  });

  it('shows live connections and the database pool', async () => {
    const port = await app.listen({ port: 0, host: '127.0.0.1' }).then(() => (app.server.address() as AddressInfo).port);
    const member = await signIn(app);
    const before = await scrape();
    const stream = await listen(port, member.headers.cookie!);
    try {
      await until(async () => sample(await scrape(), 'live_connections') === sample(before, 'live_connections') + 1);
    } finally {
      stream.close();
    }
    await until(async () => sample(await scrape(), 'live_connections') === sample(before, 'live_connections'));
    const text = await scrape();
    expect(sample(text, 'db_pool_connections', { pool: 'app' })).toBeGreaterThan(0);
    expect(sample(text, 'db_pool_acquire_seconds_count', { pool: 'app' })).toBeGreaterThan(sample(before, 'db_pool_acquire_seconds_count', { pool: 'app' }));
  });
});

describe('METRICS_PORT', () => {
  const servers: { close: () => void }[] = [];
  afterAll(() => { for (const s of servers) s.close(); });

  it('serves /metrics alone on 127.0.0.1, without a token', async () => {
    const server = await serveMetrics(0);
    servers.push(server);
    const { address, port } = server.address() as AddressInfo;
    expect(address).toBe('127.0.0.1');
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('# TYPE mail_messages_total counter');
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(404);
  });
});
