import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../test/community-factories.js';
import { memberOf } from '../modules/posts/posts.fixtures.js';
import { useTestApp } from '../../test/helpers.js';
import { signedInUser } from '../../test/factories.js';
import { act, moderationScene } from '../modules/moderation/moderation.fixtures.js';
import { SESSION_CHANNEL, SESSION_LISTENER_NAME } from './session-cache.js';
import type { App } from '../types.js';

/**
 * Sessions are cached per instance; these tests hold the cache to its promise: a session that
 * ends, or a user whose role, verification, ban or name changes, is seen as such at once on the
 * instance that made the change and within moments on any other.
 */
describe('the session cache', async () => {
  const { app: a } = await useTestApp();
  const { app: b } = await useTestApp();

  async function meStatus(app: App, headers: Record<string, string>): Promise<number> {
    return (await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode;
  }
  async function eventually(check: () => Promise<boolean>, withinMs = 2_000): Promise<number> {
    const start = Date.now();
    while (!(await check())) {
      if (Date.now() - start > withinMs) throw new Error(`toujours pas vrai après ${withinMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return Date.now() - start;
  }

  it('a logout through one instance ends the session on both', async () => {
    const { headers } = await signedInUser(a);
    // Warm both caches.
    expect(await meStatus(a, headers)).toBe(200);
    expect(await meStatus(b, headers)).toBe(200);
    const out = await a.inject({ method: 'POST', url: '/api/auth/logout', headers });
    expect(out.statusCode, out.body).toBeLessThan(300);
    // The instance that logged out: at once.
    expect(await meStatus(a, headers)).toBe(401);
    // The other one: as soon as the announcement arrives.
    const waited = await eventually(async () => (await meStatus(b, headers)) === 401);
    expect(waited).toBeLessThan(1_000);
  });

  it('a ban is applied at once on the instance that banned, without waiting', async () => {
    const scene = await moderationScene(a);
    expect(await meStatus(a, scene.author.headers)).toBe(200);
    const res = await act(a, 'post', scene.post.id, scene.admin.headers, { action: 'ban', reasonCode: 'spam', message: 'Publicités.' });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(await meStatus(a, scene.author.headers)).toBe(401);
  });

  it('a change made outside any instance (SQL, a job) reaches both', async () => {
    const { user, headers } = await signedInUser(a);
    const session = async (app: App) => (await app.inject({ method: 'GET', url: '/api/session', headers })).json().user;
    expect((await session(a)).nationalRole ?? null).toBeNull();
    expect((await session(b)).nationalRole ?? null).toBeNull();
    await a.pool.query(`UPDATE users SET national_role = 'admin', first_name = 'Renommée' WHERE id = $1`, [user.id]);
    for (const app of [a, b]) {
      await eventually(async () => {
        const res = await app.inject({ method: 'GET', url: '/api/communities?includeDrafts=true', headers });
        return res.statusCode === 200 && (await session(app)).nationalRole === 'admin';
      });
    }
  });

  it('an instance that lost its LISTEN connection stops serving cached sessions, then listens again', async () => {
    const first = await signedInUser(a);
    const second = await signedInUser(a);
    expect(await meStatus(a, first.headers)).toBe(200);
    expect(await meStatus(a, second.headers)).toBe(200);
    await a.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
      [SESSION_LISTENER_NAME]);
    await new Promise((r) => setTimeout(r, 100));
    await a.pool.query('DELETE FROM sessions WHERE user_id = $1', [first.user.id]);
    expect(await meStatus(a, first.headers)).toBe(401);
    // Listening again after its retry delay: a logout elsewhere reaches it.
    await eventually(async () => {
      const { rows } = await a.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
        [SESSION_LISTENER_NAME]);
      return rows[0].n >= 2;
    }, 5_000);
    expect(await meStatus(a, second.headers)).toBe(200);
    expect((await b.inject({ method: 'POST', url: '/api/auth/logout', headers: second.headers })).statusCode).toBeLessThan(300);
    await eventually(async () => (await meStatus(a, second.headers)) === 401);
  });

  it('the writes declared sessionNeutral announce no session change (their answers skip the barrier)', async () => {
    const community = await createCommunity(a);
    const author = await memberOf(a, community.id);
    const writer = await memberOf(a, community.id);
    const animator = await memberOf(a, community.id, 'animator');
    const post = (await a.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: author.headers, payload: { title: 'Sujet neutre', body: 'Un texte' } })).json();
    const poll = (await a.inject({
      method: 'POST', url: `/api/communities/${community.slug}/polls`, headers: animator.headers,
      payload: { title: 'Sondage neutre', options: ['Oui', 'Non'], closesAt: new Date(Date.now() + 86_400_000).toISOString() },
    })).json();
    const listener = new pg.Client({ connectionString: a.config.databaseUrl });
    await listener.connect();
    const announced: string[] = [];
    listener.on('notification', (msg) => announced.push(String(msg.payload)));
    await listener.query(`LISTEN ${SESSION_CHANNEL}`);
    try {
      const writes = [
        { method: 'POST', url: `/api/communities/${community.slug}/posts`, payload: { title: 'Autre sujet', body: 'Un autre texte' } },
        { method: 'POST', url: `/api/posts/${post.id}/comments`, payload: { body: 'Un commentaire' } },
        { method: 'PUT', url: `/api/posts/${post.id}/useful` },
        { method: 'DELETE', url: `/api/posts/${post.id}/useful` },
        { method: 'POST', url: `/api/polls/${poll.postId ?? poll.id}/vote`, payload: { optionIds: [poll.options[0].id] } },
      ] as const;
      for (const w of writes) {
        const res = await a.inject({ ...w, headers: writer.headers });
        expect(res.statusCode, `${w.method} ${w.url}: ${res.body}`).toBeLessThan(300);
      }
      // Notifications reach a connection between its queries: one round trip after the commits receives them all.
      await listener.query('SELECT 1');
      const involved = [author, writer, animator].map((p) => String(p.user.id));
      expect(announced.filter((id) => involved.includes(id))).toEqual([]);
      // Every route that declares it is written above: a new one must be added here.
      const declared = execFileSync('grep', ['-rl', '--include=*.ts', '--exclude=*.test.ts', 'sessionNeutral: true', 'server/src/modules']).toString().trim().split('\n');
      expect(declared.sort()).toEqual(['server/src/modules/polls/routes.ts', 'server/src/modules/posts/comment-routes.ts', 'server/src/modules/posts/routes.ts']);
      const count = Number(execFileSync('sh', ['-c', 'grep -rh --include=*.ts --exclude=*.test.ts "sessionNeutral: true" server/src/modules | wc -l']).toString());
      expect(count).toBe(writes.length);
    } finally {
      await listener.end();
    }
  });
});
