import { describe, expect, it } from 'vitest';
import { useTestApp, unique } from '../../../test/helpers.js';
import { login } from '../../../test/factories.js';
import type { App } from '../../types.js';

const PASSWORD = 'Une phrase de passe assez longue';

async function register(app: App) {
  const email = `${unique('cgu')}@exemple.fr`;
  const res = await app.inject({
    method: 'POST', url: '/api/auth/register',
    payload: { email, password: PASSWORD, firstName: 'Inès', lastName: 'Roux', employer: 'Mairie de Lille', job: 'Agente', departement: '59', acceptCgu: true },
  });
  expect(res.statusCode).toBe(201);
  const headers = await login(app, email, PASSWORD);
  return { id: res.json().user.id as number, headers };
}

async function cguVersion(app: App): Promise<number> {
  return (await app.inject({ method: 'GET', url: '/api/pages/cgu' })).json().version;
}

/**
 * The CGU page is shared by every test file running at once: publishing a new version here would block
 * other files' members. A new version is simulated instead by moving this member's acceptance one version back,
 * which is the same state for the rule ("last accepted version older than the one in force").
 */
async function makeOutdated(app: App, userId: number) {
  await app.pool.query('UPDATE cgu_acceptances SET version = version - 1 WHERE user_id = $1', [userId]);
}

describe('CGU acceptance', async () => {
  const { app } = await useTestApp();

  it('records the version in force at registration, and asks nothing more', async () => {
    const { id, headers } = await register(app);
    const { rows } = await app.pool.query('SELECT version, accepted_at FROM cgu_acceptances WHERE user_id = $1', [id]);
    expect(rows).toEqual([{ version: await cguVersion(app), accepted_at: expect.any(Date) }]);
    expect((await app.inject({ method: 'GET', url: '/api/session', headers })).json().cguToAccept).toBeNull();
  });

  it('asks for a newer version; writes are refused until accepted, except leaving and accepting', async () => {
    const { id, headers } = await register(app);
    await makeOutdated(app, id);
    const version = await cguVersion(app);
    const session = (await app.inject({ method: 'GET', url: '/api/session', headers })).json();
    expect(session.cguToAccept).toEqual({ version, title: expect.stringContaining('Conditions') });

    const patch = await app.inject({ method: 'PATCH', url: '/api/me', headers, payload: { bio: 'Bonjour' } });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().code).toBe('CGU_NOT_ACCEPTED');
    // Reading stays open, including the data export.
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me/export', headers })).statusCode).toBe(200);

    const stale = await app.inject({ method: 'POST', url: '/api/me/cgu-acceptance', headers, payload: { version: version + 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CGU_VERSION_CHANGED');
    const ok = await app.inject({ method: 'POST', url: '/api/me/cgu-acceptance', headers, payload: { version } });
    expect(ok.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/session', headers })).json().cguToAccept).toBeNull();
    expect((await app.inject({ method: 'PATCH', url: '/api/me', headers, payload: { bio: 'Bonjour' } })).statusCode).toBe(200);
    // Accepting again is harmless.
    expect((await app.inject({ method: 'POST', url: '/api/me/cgu-acceptance', headers, payload: { version } })).statusCode).toBe(200);
  });

  it('lets an outdated member sign out', async () => {
    const { id, headers } = await register(app);
    await makeOutdated(app, id);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(200);
  });

  it('leaves the anonymous session unchanged, and refuses bad input', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/session' })).json()).toEqual({ user: null, csrfToken: null });
    expect((await app.inject({ method: 'POST', url: '/api/me/cgu-acceptance', payload: { version: 1 } })).statusCode).toBe(401);
    const { headers } = await register(app);
    for (const payload of [{}, { version: 'x' }, { version: 0 }, { version: 1, extra: true }]) {
      expect((await app.inject({ method: 'POST', url: '/api/me/cgu-acceptance', headers, payload })).statusCode).toBe(400);
    }
  });
});
