import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { freePort } from '../../../test/throwaway-postgres.js';
import { ERRORS } from '../../../../common/errors.js';
import { sessionCookieName } from '../../plugins/session.js';

describe('GET /api/health', async () => {
  const { app } = await useTestApp();

  it('reports the database as reachable', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers unknown API routes with a French 404 code', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: 'Ressource introuvable.' });
  });

  it('serves the OpenAPI document', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toMatch(/^3\./);
  });
});

describe('GET /api/health and the API with PostgreSQL unreachable', async () => {
  // Nothing listens on this port: every connection is refused, as when PostgreSQL is stopped.
  const { app, config } = await useTestApp({ databaseUrl: `postgres://postgres@127.0.0.1:${await freePort()}/absente` });
  const cookie = `${sessionCookieName(config.secureCookies)}=jeton-quelconque`;

  it('answers 503 degraded with or without a session cookie', async () => {
    for (const headers of [{}, { cookie }]) {
      const res = await app.inject({ method: 'GET', url: '/api/health', headers });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'degraded', database: 'unreachable' });
    }
  });

  it('answers 503 SERVICE_UNAVAILABLE with a French message elsewhere, signed in or not, never 500', async () => {
    for (const req of [
      { method: 'GET' as const, url: '/api/communities' },
      { method: 'GET' as const, url: '/api/notifications', headers: { cookie } },
      { method: 'POST' as const, url: '/api/auth/login', payload: { email: 'camille@exemple.fr', password: 'Tournesol-Pivoine-42-Cassis' } },
    ]) {
      const res = await app.inject(req);
      expect(res.statusCode, req.url).toBe(503);
      expect(res.json()).toEqual({ code: 'SERVICE_UNAVAILABLE', message: ERRORS.SERVICE_UNAVAILABLE.message });
      expect(res.headers['retry-after']).toBe('5');
    }
  });
});
