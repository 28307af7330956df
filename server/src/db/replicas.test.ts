import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type pg from 'pg';
import { makeTestApp, type TestApp } from '../../test/helpers.js';
import { createCommunity, type FactoryCommunity } from '../../test/community-factories.js';
import { hasPostgresTools, streamingPair, type StreamingPair } from '../../test/streaming-replica.js';
import { memberOf, signIn } from '../modules/posts/posts.fixtures.js';
import { replicaFailovers, routedReads } from '../lib/metrics.js';
import { walCookieName } from '../plugins/read-routing.js';
import type { App } from '../types.js';
import { createDb, createPool } from './client.js';
import { runMigrations } from './migrate.js';
import { formatLsn, parseLsn } from './lsn.js';
import { loadConfig } from '../config.js';

/**
 * A real primary and a real hot standby (initdb, pg_basebackup -R, pg_ctl of PostgreSQL 15) on loopback, the
 * application built with DATABASE_REPLICA_URLS. Nothing here is timed: where the replica must catch up or be
 * found lagging, the test waits for it (with a generous ceiling) and forces the application's check.
 */

async function until(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not in time: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function reads(target: string, reason: string): Promise<number> {
  return (await routedReads.get()).values.find((v) => v.labels.target === target && v.labels.reason === reason)?.value ?? 0;
}

async function failovers(): Promise<number> {
  return (await replicaFailovers.get()).values.reduce((n, v) => n + v.value, 0);
}

/**
 * The cookies a browser would keep from a write (the WAL position, and the recent-write mark that keeps shared search
 * pages away from their author), as a Cookie header fragment.
 */
function writeCookies(res: LightMyRequestResponse, app: App): string {
  const name = walCookieName(app.config.secureCookies);
  expect(res.cookies.find((c) => c.name === name), `no ${name} cookie on the write's response`).toBeDefined();
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

describe.skipIf(!hasPostgresTools)('streaming replicas (DATABASE_REPLICA_URLS)', () => {
  let pair: StreamingPair;
  let primary: pg.Pool;
  // Checks only when the test asks (replicas.check()), and a bound nothing here reaches: routing is deterministic.
  let steady: TestApp;
  let community: FactoryCommunity;

  beforeAll(async () => {
    pair = await streamingPair();
    primary = createPool(pair.primaryUrl, 2);
    await runMigrations(createDb(primary));
    steady = await makeTestApp({
      databaseUrl: pair.primaryUrl, databaseReplicaUrls: [pair.replicaUrl], replicaMaxLagMs: 600_000, replicaCheckMs: 3_600_000,
    });
    community = await createCommunity(steady.app);
  }, 120_000);

  afterAll(async () => {
    await steady?.close();
    await primary?.end();
    await pair?.stop();
  }, 60_000);

  /** Until the standby has replayed everything the primary has written so far, then the app's own check. */
  async function caughtUp(app: App): Promise<void> {
    const { rows } = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    await until(async () => (await pair.onReplica<{ ok: boolean }>(`SELECT pg_last_wal_replay_lsn() >= '${rows[0]!.lsn}'::pg_lsn AS ok`))[0]!.ok, 'the standby replays');
    await app.replicas!.check();
  }

  async function anonymousTitles(app: App): Promise<string[]> {
    const res = await app.inject({ url: `/api/communities/${community.slug}/posts` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((p: { title: string }) => p.title);
  }

  async function publish(app: App, headers: Record<string, string>, title: string) {
    const res = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers, payload: { title, body: `Texte de ${title}` } });
    expect(res.statusCode, res.body).toBe(201);
    return res;
  }

  it('serves anonymous feeds from the replica, and a member who just wrote from the primary (read-your-writes)', async () => {
    const { app } = steady;
    const author = await memberOf(app, community.id);
    await publish(app, author.headers, 'Avant la pause');
    await caughtUp(app);
    const onReplica = await reads('replica', 'lag_tolerant');
    expect(await anonymousTitles(app)).toContain('Avant la pause');
    expect(await reads('replica', 'lag_tolerant')).toBe(onReplica + 1);
    const sessions = await pair.onReplica<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'e-communautes-replica'");
    expect(sessions[0]!.n).toBeGreaterThan(0);

    // The standby stops applying the primary's changes: what is written now exists on the primary only.
    await pair.onReplica('SELECT pg_wal_replay_pause()');
    try {
      const post = await publish(app, author.headers, 'Pendant la pause');
      const word = `orthophonie${Date.now().toString(36)}`;
      const comment = await app.inject({
        method: 'POST', url: `/api/posts/${post.json().id}/comments`,
        headers: { ...author.headers, cookie: `${author.headers.cookie}; ${writeCookies(post, app)}` }, payload: { body: `Mon commentaire sur l’${word}` },
      });
      expect(comment.statusCode, comment.body).toBe(201);
      const mine = { ...author.headers, cookie: `${author.headers.cookie}; ${writeCookies(comment, app)}` };

      // Anyone else reads the replica, a little behind: not there yet.
      expect(await anonymousTitles(app)).not.toContain('Pendant la pause');
      const otherDevice = await app.inject({ url: `/api/search?q=${word}`, headers: author.headers });
      expect(otherDevice.json().items).toEqual([]);
      // The author, with the position of their write, reads the primary: their comment does not vanish.
      const ownWrites = await reads('primary', 'own_write');
      const search = await app.inject({ url: `/api/search?q=${word}`, headers: mine });
      expect(search.statusCode, search.body).toBe(200);
      expect(search.json().items.map((h: { id: number }) => h.id)).toEqual([comment.json().id]);
      expect(await reads('primary', 'own_write')).toBe(ownWrites + 1);

      await pair.onReplica('SELECT pg_wal_replay_resume()');
      await caughtUp(app);
      // Once the replica holds the write, even the author's reads go back to it.
      const replicaReads = await reads('replica', 'lag_tolerant');
      const again = await app.inject({ url: `/api/search?q=${word}`, headers: mine });
      expect(again.json().items).toHaveLength(1);
      expect(await reads('replica', 'lag_tolerant')).toBe(replicaReads + 1);
      expect(await anonymousTitles(app)).toContain('Pendant la pause');
    } finally {
      await pair.onReplica('SELECT pg_wal_replay_resume()').catch(() => {});
    }
  }, 60_000);

  it('keeps a signed-in reader of a community feed on the primary (their visit is written by that read)', async () => {
    const { app } = steady;
    const reader = await memberOf(app, community.id);
    const before = await reads('primary', 'signed_in');
    const res = await app.inject({ url: `/api/communities/${community.slug}/posts`, headers: reader.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(await reads('primary', 'signed_in')).toBe(before + 1);
  });

  it('answers every lag-tolerant route from the replica without error (none of them writes)', async () => {
    const { app } = steady;
    const admin = await signIn(app, { nationalRole: 'admin' });
    const member = await memberOf(app, community.id);
    await caughtUp(app);
    const urls: [string, Record<string, string> | undefined][] = [
      [`/api/communities/${community.slug}/posts`, undefined],
      ['/api/search?q=pause', undefined],
      ['/api/events', undefined],
      [`/api/communities/${community.slug}/events`, undefined],
      [`/api/communities/${community.slug}/agenda.ics`, undefined],
      ['/api/agenda.ics', undefined],
      [`/api/communities/${community.slug}/feed.atom`, undefined],
      ['/api/directory?q=ma', member.headers],
      [`/api/members/${member.user.id}`, member.headers],
      [`/api/members/${member.user.id}/posts`, member.headers],
      ['/api/me/export', member.headers],
      ['/api/national/dashboard', admin.headers],
      [`/api/communities/${community.slug}/audience`, admin.headers],
      [`/api/communities/${community.slug}/steering/animator`, admin.headers],
      [`/api/communities/${community.slug}/steering/coordinator`, admin.headers],
    ];
    const before = await reads('replica', 'lag_tolerant');
    for (const [url, headers] of urls) {
      const res = await app.inject({ url, headers });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
    expect(await reads('replica', 'lag_tolerant')).toBe(before + urls.length);
  }, 60_000);

  it('falls back to the primary, without an error, when the replica stops between two checks', async () => {
    const { app } = steady;
    await caughtUp(app);
    expect(await anonymousTitles(app)).toContain('Avant la pause');
    const lost = await failovers();
    await pair.stopReplica();
    try {
      // No check has run since: the routing still believes in the replica, and the read itself moves over.
      for (let i = 0; i < 3; i += 1) expect(await anonymousTitles(app)).toContain('Avant la pause');
      expect(await failovers()).toBeGreaterThan(lost);
      const health = await app.inject({ url: '/api/health' });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toEqual({ status: 'ok', database: 'ok', replicas: { configured: 1, usable: 0 } });
      const fallback = await reads('primary', 'no_replica');
      expect(await anonymousTitles(app)).toContain('Avant la pause');
      expect(await reads('primary', 'no_replica')).toBe(fallback + 1);
    } finally {
      await pair.startReplica();
    }
    await until(async () => { await app.replicas!.check(); return app.replicas!.states()[0]!.usable; }, 'the replica is used again');
    const replicaReads = await reads('replica', 'lag_tolerant');
    expect(await anonymousTitles(app)).toContain('Avant la pause');
    expect(await reads('replica', 'lag_tolerant')).toBe(replicaReads + 1);
  }, 60_000);

  it('skips a replica whose replay lags beyond the bound, and uses it again once it has caught up', async () => {
    const strict = await makeTestApp({
      databaseUrl: pair.primaryUrl, databaseReplicaUrls: [pair.replicaUrl], replicaMaxLagMs: 1_000, replicaCheckMs: 100,
    });
    const { app } = strict;
    const usable = async () => (await app.inject({ url: '/api/health' })).json().replicas.usable as number;
    try {
      await caughtUp(app);
      expect(await usable()).toBe(1);
      const author = await memberOf(app, community.id);
      await pair.onReplica('SELECT pg_wal_replay_pause()');
      await publish(app, author.headers, 'Réplica en retard');
      await until(async () => (await usable()) === 0, 'the lagging replica is skipped');
      const metrics = await app.inject({ url: '/metrics' });
      expect(metrics.statusCode).toBe(404);
      const fallback = await reads('primary', 'no_replica');
      expect(await anonymousTitles(app)).toContain('Réplica en retard');
      expect(await reads('primary', 'no_replica')).toBe(fallback + 1);
      await pair.onReplica('SELECT pg_wal_replay_resume()');
      await until(async () => (await usable()) === 1, 'the replica is used again once it has caught up');
    } finally {
      await pair.onReplica('SELECT pg_wal_replay_resume()').catch(() => {});
      await strict.close();
    }
  }, 60_000);

  it('exposes each replica in /metrics', async () => {
    const token = 'jeton-de-metriques-assez-long';
    const t = await makeTestApp({ databaseUrl: pair.primaryUrl, databaseReplicaUrls: [pair.replicaUrl], replicaCheckMs: 3_600_000, metricsToken: token });
    try {
      await caughtUp(t.app);
      const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      const name = new URL(pair.replicaUrl);
      const label = `replica="${name.hostname}:${name.port}/postgres"`;
      expect(res.body).toContain(`db_replica_up{${label}} 1`);
      expect(res.body).toContain(`db_replica_usable{${label}} 1`);
      expect(res.body).toMatch(new RegExp(`db_replica_lag_seconds\\{${label.replace(/[.]/g, '\\.')}\\} [0-9.]+`));
      expect(res.body).toContain('db_routed_reads_total{target="replica",reason="lag_tolerant"}');
    } finally {
      await t.close();
    }
  }, 60_000);
});

describe('without DATABASE_REPLICA_URLS', () => {
  it('reads the primary as before and sets no cookie', async () => {
    const t = await makeTestApp();
    try {
      expect(t.app.replicas).toBeNull();
      const c = await createCommunity(t.app);
      const author = await memberOf(t.app, c.id);
      const res = await t.app.inject({ method: 'POST', url: `/api/communities/${c.slug}/posts`, headers: author.headers, payload: { title: 'Sans réplica', body: 'Texte' } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.cookies.map((x) => x.name)).not.toContain(walCookieName(t.config.secureCookies));
      expect((await t.app.inject({ url: '/api/health' })).json()).toEqual({ status: 'ok', database: 'ok' });
      expect((await t.app.inject({ url: `/api/communities/${c.slug}/posts` })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('replica configuration and WAL positions', () => {
  const env = (vars: Record<string, string>) => ({ APP_SECRET: 'x'.repeat(32), ...vars }) as NodeJS.ProcessEnv;

  it('reads DATABASE_REPLICA_URLS as a list, and refuses in French what is not a PostgreSQL address', () => {
    const config = loadConfig(env({
      DATABASE_URL: 'postgres://app@10.0.0.11/ecom',
      DATABASE_REPLICA_URLS: ' postgres://app@10.0.0.12/ecom , postgresql://app@10.0.0.13:5433/ecom ',
      REPLICA_MAX_LAG_SECONDS: '2',
    }), []);
    expect(config.databaseReplicaUrls).toEqual(['postgres://app@10.0.0.12/ecom', 'postgresql://app@10.0.0.13:5433/ecom']);
    expect(config.replicaMaxLagMs).toBe(2_000);
    expect(loadConfig(env({}), []).databaseReplicaUrls).toEqual([]);
    expect(() => loadConfig(env({ DATABASE_URL: 'postgres://a@b/c', DATABASE_REPLICA_URLS: 'http://secret:pw@x/y' }), []))
      .toThrow(/DATABASE_REPLICA_URLS attend des adresses postgres:\/\/… séparées par des virgules \(reçu « http:\/\/…@x\/y »\)/);
    expect(() => loadConfig(env({ DATABASE_REPLICA_URLS: 'postgres://a@b/c' }), [])).toThrow(/suppose DATABASE_URL/);
    expect(() => loadConfig(env({ REPLICA_MAX_LAG_SECONDS: '0' }), [])).toThrow(/REPLICA_MAX_LAG_SECONDS doit être un nombre positif/);
  });

  it('compares WAL positions as numbers of bytes and ignores anything else', () => {
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xB374D848n);
    expect(parseLsn('0/A')! < parseLsn('0/10')!).toBe(true);
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
    expect(formatLsn(parseLsn('16/B374D848')!)).toBe('16/B374D848');
    for (const bad of ['', '16', 'x/y', '1/2/3', '123456789/0', undefined]) expect(parseLsn(bad)).toBeNull();
  });
});
