import { describe, expect, it } from 'vitest';
import { useTestApp, unique } from '../../../test/helpers.js';
import { signedInUser } from '../../../test/factories.js';

describe('legal page versions', async () => {
  const { app } = await useTestApp();

  it('lists every version newest first and serves each one publicly', async () => {
    const { headers } = await signedInUser(app, { nationalRole: 'admin' });
    const before = (await app.inject({ method: 'GET', url: '/api/pages/mentions-legales' })).json();
    const title = `Mentions légales ${unique()}`;
    const put = await app.inject({
      method: 'PUT', url: '/api/pages/mentions-legales', headers, payload: { title, body: '## Éditeur\n\nLe **réseau**.' },
    });
    expect(put.statusCode).toBe(200);
    const now = put.json().version;

    const list = await app.inject({ method: 'GET', url: '/api/pages/mentions-legales/versions' });
    expect(list.statusCode).toBe(200);
    const { items, nextCursor } = list.json();
    expect(nextCursor).toBeNull();
    expect(items[0]).toMatchObject({ version: now, title, current: true, publishedAt: expect.any(String) });
    expect(items.map((i: { version: number }) => i.version)).toEqual([...Array(now).keys()].map((k) => now - k));
    expect(items.filter((i: { current: boolean }) => i.current)).toHaveLength(1);

    const old = await app.inject({ method: 'GET', url: `/api/pages/mentions-legales/versions/${before.version}` });
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({
      slug: 'mentions-legales', version: before.version, title: before.title, bodyHtml: before.bodyHtml, current: false,
      replacedAt: items[0].publishedAt,
    });
    const current = (await app.inject({ method: 'GET', url: `/api/pages/mentions-legales/versions/${now}` })).json();
    expect(current).toMatchObject({ version: now, current: true, replacedAt: null });
    expect(current.bodyHtml).toContain('<strong>réseau</strong>');
  });

  it('pages the list by cursor', async () => {
    const { headers } = await signedInUser(app, { nationalRole: 'admin' });
    for (let i = 0; i < 2; i++) {
      await app.inject({ method: 'PUT', url: '/api/pages/accessibilite', headers, payload: { title: 'Accessibilité', body: `Version ${unique()}` } });
    }
    const first = (await app.inject({ method: 'GET', url: '/api/pages/accessibilite/versions?limit=1' })).json();
    expect(first.items).toHaveLength(1);
    const second = (await app.inject({ method: 'GET', url: `/api/pages/accessibilite/versions?limit=1&cursor=${first.nextCursor}` })).json();
    expect(second.items[0].version).toBeLessThan(first.items[0].version);
  });

  it('refuses unknown pages, versions and bad input', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/pages/inconnue/versions' })).json().code).toBe('PAGE_NOT_FOUND');
    const missing = await app.inject({ method: 'GET', url: '/api/pages/cgu/versions/999999' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('LEGAL_VERSION_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: '/api/pages/cgu/versions/0' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/pages/cgu/versions/abc' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/pages/cgu/versions?cursor=nope' })).statusCode).toBe(400);
  });
});
