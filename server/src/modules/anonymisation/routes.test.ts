import { describe, expect, it } from 'vitest';
import { makeTestApp, unique, useTestApp } from '../../../test/helpers.js';
import { createUser, login, sessionFor } from '../../../test/factories.js';
import { LIMITS } from '../../../../common/limits.js';

describe('POST /api/anonymisation/detect', async () => {
  const { app } = await useTestApp();

  it('returns the detections with offsets, including members of the platform', async () => {
    const last = unique('Kerbrat').replace(/\d/g, '');
    await createUser(app, { firstName: 'Gwenaëlle', lastName: last });
    const { user, password } = await createUser(app);
    const auth = await login(app, user.email, password);
    const text = `Voir avec Gwenaelle ${last} au 06 12 34 56 78.`;
    const res = await app.inject({ method: 'POST', url: '/api/anonymisation/detect', headers: auth, payload: { text } });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { kind: string; start: number; end: number; text: string; replacement: string }[];
    expect(items.map((i) => i.kind)).toEqual(['member', 'phone']);
    for (const i of items) expect(text.slice(i.start, i.end)).toBe(i.text);
  });

  it('refuses anonymous callers', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/anonymisation/detect', payload: { text: 'a@b.fr' } });
    expect(res.statusCode).toBe(401);
  });

  it('refuses texts longer than a post, and bodies over the API limit', async () => {
    const { user, password } = await createUser(app);
    const auth = await login(app, user.email, password);
    const long = await app.inject({ method: 'POST', url: '/api/anonymisation/detect', headers: auth, payload: { text: 'a'.repeat(LIMITS.postBody + 1) } });
    expect(long.statusCode).toBe(400);
    expect(long.json().code).toBe('VALIDATION_FAILED');
    const huge = await app.inject({ method: 'POST', url: '/api/anonymisation/detect', headers: { ...auth, 'content-type': 'application/json' }, payload: JSON.stringify({ text: 'a'.repeat(LIMITS.bodyLimit + 10) }) });
    expect(huge.statusCode).toBe(413);
    const missing = await app.inject({ method: 'POST', url: '/api/anonymisation/detect', headers: auth, payload: {} });
    expect(missing.statusCode).toBe(400);
  });

  it('is rate limited with a French 429 and Retry-After', async () => {
    const t = await makeTestApp({ rateLimitFactor: 0.01 });
    try {
      const { user } = await createUser(t.app);
      const auth = await sessionFor(t.app, user.id);
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await t.app.inject({ method: 'POST', url: '/api/anonymisation/detect', headers: auth, payload: { text: 'rien' } });
        codes.push(res.statusCode);
        if (res.statusCode === 429) {
          expect(res.json().message).toMatch(/Trop de tentatives/);
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        }
      }
      expect(codes.slice(0, 3)).toEqual([200, 200, 200]);
      expect(codes[3]).toBe(429);
    } finally {
      await t.close();
    }
  });
});
