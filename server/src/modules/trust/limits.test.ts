import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { makeTestApp, unique } from '../../../test/helpers.js';
import { multipart, tinyPng } from '../attachments/attachments.fixtures.js';
import { memberOf } from '../posts/posts.fixtures.js';

let n = 0;
const newIp = () => `10.${(process.pid % 200) + 50}.${Date.now() % 250}.${++n % 250}`;

function expectFrench429(res: LightMyRequestResponse, what: string) {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(429);
  expect(res.json()).toMatchObject({
    code: 'RATE_LIMITED', message: expect.stringMatching(/^Trop de tentatives( de connexion manquées)?\. Réessayez dans \d+ (minute|seconde)s?\.$/),
  });
  const retry = Number(res.headers['retry-after']);
  expect(Number.isInteger(retry) && retry > 0, `${what}: Retry-After ${res.headers['retry-after']}`).toBe(true);
}

describe('limits hold across several server instances', () => {
  it('counts failed logins of one account on a shared counter', async () => {
    const a = await makeTestApp({ rateLimitFactor: 1 });
    const b = await makeTestApp({ rateLimitFactor: 1 });
    try {
      const email = `${unique()}@exemple.fr`;
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        const app = i % 2 === 0 ? a.app : b.app;
        const res = await app.inject({
          method: 'POST', url: '/api/auth/login', remoteAddress: newIp(), payload: { email, password: 'mauvais mot de passe' },
        });
        codes.push(res.statusCode);
        if (res.statusCode === 429) expectFrench429(res, `tentative ${i + 1}`);
      }
      // Five failures free in total, then a delay (accounts/login-throttle.ts): alone, each instance would
      // have seen only three.
      expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
      const other = await a.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: newIp(), payload: { email, password: 'x' } });
      expectFrench429(other, 'autre instance');
    } finally {
      await a.close();
      await b.close();
    }
    // Password hashings and two instances: slow on a busy machine.
  }, 60_000);
});

describe('every limited action answers a French 429 with Retry-After', async () => {
  it('login, registration, reset, verification mail, post, edit, comment, reaction, upload, flag, anonymisation', async () => {
    // A tiny factor makes the very first request of each action exceed its limit.
    const t = await makeTestApp({ rateLimitFactor: 0.0001 });
    try {
      const app = t.app;
      const community = await createCommunity(app);
      const member = await memberOf(app, community.id);
      const h = member.headers;
      const other = await memberOf(app, community.id);
      const insert = async (authorId: number) => (await app.pool.query<{ id: number }>(
        `INSERT INTO posts (community_id, author_id, title, body_md, body_html) VALUES ($1, $2, 'Sujet', 'Texte', '<p>Texte</p>') RETURNING id`,
        [community.id, authorId],
      )).rows[0]!.id;
      const mine = await insert(member.user.id);
      const postId = await insert(other.user.id);
      // A poll written directly: creating one through the API would meet its own (tiny) limit first.
      const pollId = await insert(other.user.id);
      await app.pool.query(`INSERT INTO polls (post_id, community_id, closes_at) VALUES ($1, $2, now() + interval '1 day')`, [pollId, community.id]);
      const option = (await app.pool.query<{ id: number }>(`INSERT INTO poll_options (poll_id, position, label) VALUES ($1, 1, 'Oui') RETURNING id`, [pollId])).rows[0]!.id;
      const upload = multipart([{ name: 'file', file: { filename: 'a.png', contentType: 'image/png', data: tinyPng() } }, { name: 'alt', value: 'Un point' }]);
      const loginIp = newIp();
      const cases: [string, InjectOptions][] = [
        ['connexion', { method: 'POST', url: '/api/auth/login', remoteAddress: loginIp, payload: { email: 'a@exemple.fr', password: 'mauvais mot de passe' } }],
        ['inscription', {
          method: 'POST', url: '/api/auth/register', remoteAddress: newIp(),
          payload: { email: `${unique()}@exemple.fr`, password: 'Tournesol-Pivoine-42-Cassis', firstName: 'Léa', lastName: 'Roux', employer: 'Mairie', job: 'Agente', departement: '69', acceptCgu: true },
        }],
        ['mot de passe oublié', { method: 'POST', url: '/api/auth/password-reset/request', remoteAddress: newIp(), payload: { email: 'a@exemple.fr' } }],
        ['renvoi du courriel de confirmation', { method: 'POST', url: '/api/auth/resend-verification', headers: h }],
        ['publication', { method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: h, payload: { title: 'Titre', body: 'Texte' } }],
        ['modification', { method: 'PATCH', url: `/api/posts/${mine}`, headers: h, payload: { title: 'Titre' } }],
        ['commentaire', { method: 'POST', url: `/api/posts/${postId}/comments`, headers: h, payload: { body: 'Texte' } }],
        ['réaction', { method: 'PUT', url: `/api/posts/${postId}/useful`, headers: h }],
        ['vote', { method: 'POST', url: `/api/polls/${pollId}/vote`, headers: h, payload: { optionIds: [option] } }],
        ['fichier', { method: 'POST', url: `/api/communities/${community.slug}/attachments`, headers: { ...h, 'content-type': upload.contentType }, payload: upload.payload }],
        ['signalement', { method: 'POST', url: `/api/posts/${postId}/flags`, headers: h, payload: { reasonCode: 'spam' } }],
        ['anonymisation', { method: 'POST', url: '/api/anonymisation/detect', headers: h, payload: { text: 'Texte' } }],
      ];
      // Only failed logins count: the first one uses up the address's (tiny) budget.
      expect((await app.inject(cases[0]![1])).statusCode).toBe(401);
      for (const [what, request] of cases) expectFrench429(await app.inject(request), what);
      // Refused before anything is written, though counted in the same statement as the mark (posts/service.ts setUseful).
      const marks = await app.pool.query(`SELECT useful_count, (SELECT count(*)::int FROM post_reactions WHERE post_id = $1) AS rows FROM posts WHERE id = $1`, [postId]);
      expect(marks.rows[0]).toEqual({ useful_count: 0, rows: 0 });
      expect((await app.pool.query(`SELECT 1 FROM poll_votes WHERE poll_id = $1`, [pollId])).rowCount).toBe(0);
    } finally {
      await t.close();
    }
  });
});
