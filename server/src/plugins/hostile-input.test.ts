import { beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ERRORS, type ErrorCode } from '../../../common/errors.js';
import { useTestApp } from '../../test/helpers.js';
import { signedInUser } from '../../test/factories.js';
import { addMember, createCommunity } from '../../test/community-factories.js';
import { multipart, tinyPng } from '../modules/attachments/attachments.fixtures.js';

/**
 * Hostile input over a real socket: each must be a French 4xx with a stable code, never a 500.
 * The rules live in one place each (shared id schema, one NUL rule, Origin parsing, client errors).
 */

const { app } = await useTestApp();
let port = 0;
let headers: Record<string, string> = {};
let slug = '';
let postId = 0;

interface Answer { status: number; body: { code?: string; message?: string } }

/** One request over a real socket; the path is sent as written (already percent-encoded). */
function send(method: string, path: string, opts: { headers?: Record<string, string>; body?: unknown; raw?: string | Buffer } = {}): Promise<Answer> {
  const payload = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1', port, method, path,
      headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: Answer['body'];
        try { body = JSON.parse(text); } catch { body = { message: text }; }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function expectFrenchRefusal(a: Answer, status: number, code: ErrorCode): void {
  expect({ status: a.status, code: a.body.code, message: a.body.message }).toEqual({ status, code, message: ERRORS[code].message });
}

beforeAll(async () => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
  const c = await createCommunity(app);
  slug = c.slug;
  const signed = await signedInUser(app);
  headers = { ...signed.headers };
  await addMember(app, c.id, signed.user.id);
  const created = await app.inject({ method: 'POST', url: `/api/communities/${slug}/posts`, headers, payload: { title: 'Une publication', body: 'Un texte.' } });
  expect(created.statusCode).toBe(201);
  postId = created.json().id;
});

describe('a NUL byte in any string is refused before it reaches PostgreSQL', () => {
  it('in the query string (search, feed)', async () => {
    expectFrenchRefusal(await send('GET', '/api/search?q=a%00b', { headers }), 400, 'INVALID_CHARACTERS');
    expectFrenchRefusal(await send('GET', `/api/communities/${slug}/posts?tag=a%00b`, { headers }), 400, 'INVALID_CHARACTERS');
    expectFrenchRefusal(await send('GET', '/api/feed?tag=%00', { headers }), 400, 'INVALID_CHARACTERS');
  });

  it('in a path parameter (community slug, Atom feed)', async () => {
    expectFrenchRefusal(await send('GET', '/api/communities/%00'), 400, 'INVALID_CHARACTERS');
    expectFrenchRefusal(await send('GET', '/api/communities/a%00b/feed.atom'), 400, 'INVALID_CHARACTERS');
    expectFrenchRefusal(await send('GET', '/api/communities/%00/posts', { headers }), 400, 'INVALID_CHARACTERS');
  });

  it('in a JSON body (login e-mail, comment, profile), at any depth', async () => {
    expectFrenchRefusal(await send('POST', '/api/auth/login', { body: { email: 'a\u0000@exemple.fr', password: 'x' } }), 400, 'INVALID_CHARACTERS');
    expectFrenchRefusal(await send('POST', `/api/posts/${postId}/comments`, { headers, body: { body: 'bon\u0000jour' } }), 400, 'INVALID_CHARACTERS');
    expectFrenchRefusal(await send('PATCH', '/api/me', { headers, body: { bio: 'a\u0000' } }), 400, 'INVALID_CHARACTERS');
    expectFrenchRefusal(await send('POST', `/api/communities/${slug}/posts`, { headers, body: { title: 'T', body: 'x', tags: ['ok', 'a\u0000'] } }), 400, 'INVALID_CHARACTERS');
  });

  it('in a multipart text field (image description)', async () => {
    const form = multipart([{ name: 'alt', value: 'Un\u0000graphique' }, { name: 'file', file: { filename: 'a.png', contentType: 'image/png', data: tinyPng() } }]);
    const a = await send('POST', `/api/communities/${slug}/attachments`, { headers: { ...headers, 'content-type': form.contentType }, raw: form.payload });
    expectFrenchRefusal(a, 400, 'INVALID_CHARACTERS');
  });

  it('inside an opaque cursor (decoded after validation): INVALID_CURSOR', async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    expectFrenchRefusal(await send('GET', `/api/communities?cursor=${cursor(['a\u0000', 1])}`, { headers }), 400, 'INVALID_CURSOR');
    expectFrenchRefusal(await send('GET', `/api/directory?cursor=${cursor(['a\u0000', 1])}`, { headers }), 400, 'INVALID_CURSOR');
  });

  it('still accepts ordinary text, including other control-free Unicode', async () => {
    const ok = await send('POST', `/api/posts/${postId}/comments`, { headers, body: { body: 'Bonjour « à tous » — ça va ?' } });
    expect(ok.status).toBe(201);
  });
});

describe('an id out of range (1e309 is read as Infinity) is a 400', () => {
  for (const path of ['/api/posts/1e309', '/api/members/1e309', '/api/conversations/1e309', '/api/events/1e309.ics', '/api/posts/-1e309', '/api/posts/NaN', '/api/posts/9007199254740993']) {
    it(path, async () => {
      expectFrenchRefusal(await send('GET', path, { headers }), 400, 'VALIDATION_FAILED');
    });
  }

  it('in a query or a body too', async () => {
    expectFrenchRefusal(await send('GET', `/api/communities/${slug}/posts?rubrique=1e309`, { headers }), 400, 'VALIDATION_FAILED');
    expectFrenchRefusal(await send('GET', `/api/communities/${slug}/posts?limit=1e309`, { headers }), 400, 'VALIDATION_FAILED');
    expectFrenchRefusal(await send('POST', `/api/posts/${postId}/comments`, { headers, body: { body: 'Salut', replyToId: '1e309' } }), 400, 'VALIDATION_FAILED');
    // JSON.parse reads 1e309 as Infinity too.
    expectFrenchRefusal(await send('POST', `/api/posts/${postId}/comments`, { headers, raw: '{"body":"Salut","replyToId":1e309}' }), 400, 'VALIDATION_FAILED');
  });
});

describe('an anonymous write with a strange Origin is a 403, never a 500', () => {
  for (const origin of ['null', 'http://[', 'not a url', 'http://evil.example']) {
    it(`Origin: ${origin}`, async () => {
      const a = await send('POST', '/api/auth/login', { headers: { origin }, body: { email: 'x@exemple.fr', password: 'y' } });
      expectFrenchRefusal(a, 403, 'CSRF_FAILED');
    });
  }

  it('the site’s own origin still passes the check', async () => {
    const a = await send('POST', '/api/auth/login', { headers: { origin: app.config.publicUrl }, body: { email: 'personne@exemple.fr', password: 'mauvais-mot-de-passe' } });
    expect(a.status).toBe(401);
  });
});

describe('headers too large', () => {
  it('a 20 KB header gets a French 431 with a stable code', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      });
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
      socket.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    const length = Number(/content-length: (\d+)/i.exec(head!)?.[1]);
    expect(Buffer.byteLength(body!)).toBe(length);
    const parsed = JSON.parse(body!) as { code: string; message: string };
    expect(parsed.code).toBe('HEADERS_TOO_LARGE');
    expect(parsed.message).toMatch(/en-têtes/);
  });
});
