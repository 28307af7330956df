import { describe, expect, it } from 'vitest';
import { useTestApp, unique } from '../../../test/helpers.js';
import { signedInUser } from '../../../test/factories.js';
import { LEGAL_SLUGS } from '../../../../common/api/site.js';

describe('legal pages', async () => {
  const { app } = await useTestApp();

  it.each(LEGAL_SLUGS)('serves %s publicly, in French, with stored HTML', async (slug) => {
    const res = await app.inject({ method: 'GET', url: `/api/pages/${slug}` });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({ slug, version: expect.any(Number), can: { edit: false } });
    // Not the seeded text itself: the API fuzzer (server/test/fuzz.test.ts) rewrites one legal page while this runs.
    expect(page.bodyHtml).toMatch(/^(<[a-z][\s\S]*)?$/);
    expect(page.bodyMd.trim().length).toBeGreaterThan(0);
  });

  it('states the editorial principles in the charte', async () => {
    const { bodyMd } = (await app.inject({ method: 'GET', url: '/api/pages/charte-editoriale' })).json();
    for (const words of ['Bienveillance', 'devoir de réserve', 'discrétion', 'anonymisez', 'démarche commerciale', 'diffamatoires', 'discriminatoires']) {
      expect(bodyMd).toContain(words);
    }
  });

  it('answers 404 for an unknown page', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/pages/inconnue' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('PAGE_NOT_FOUND');
  });

  it('lets the national admin publish a new version and keeps the previous one', async () => {
    const { headers } = await signedInUser(app, { nationalRole: 'admin' });
    const before = (await app.inject({ method: 'GET', url: '/api/pages/accessibilite', headers })).json();
    expect(before.can.edit).toBe(true);
    const title = `Accessibilité ${unique()}`;
    const res = await app.inject({
      method: 'PUT', url: '/api/pages/accessibilite', headers,
      payload: { title, body: '## Conformité\n\nConformité **partielle** au RGAA.' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      title, version: before.version + 1, bodyHtml: expect.stringContaining('<strong>partielle</strong>'), can: { edit: true },
    });
    const { rows } = await app.pool.query('SELECT title, body_md FROM legal_page_versions WHERE slug = $1 AND version = $2', ['accessibilite', before.version]);
    expect(rows).toEqual([{ title: before.title, body_md: before.bodyMd }]);
  });

  it('numbers concurrent saves without collision', async () => {
    const { headers } = await signedInUser(app, { nationalRole: 'admin' });
    const before = (await app.inject({ method: 'GET', url: '/api/pages/mentions-legales' })).json();
    const results = await Promise.all([1, 2, 3].map((n) => app.inject({
      method: 'PUT', url: '/api/pages/mentions-legales', headers, payload: { title: 'Mentions légales', body: `Version ${n}` },
    })));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(results.map((r) => r.json().version).sort()).toEqual([1, 2, 3].map((n) => before.version + n));
  });

  it('refuses edits from anyone else, and bad input', async () => {
    const member = await signedInUser(app);
    const payload = { title: 'CGU', body: 'Texte' };
    const anon = await app.inject({ method: 'PUT', url: '/api/pages/cgu', payload });
    expect(anon.statusCode).toBe(401);
    const forbidden = await app.inject({ method: 'PUT', url: '/api/pages/cgu', headers: member.headers, payload });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('FORBIDDEN');

    const admin = await signedInUser(app, { nationalRole: 'admin' });
    const tooLong = await app.inject({ method: 'PUT', url: '/api/pages/cgu', headers: admin.headers, payload: { title: 'CGU', body: 'x'.repeat(100_001) } });
    expect(tooLong.statusCode).toBe(400);
    const missing = await app.inject({ method: 'PUT', url: '/api/pages/inconnue', headers: admin.headers, payload });
    expect(missing.statusCode).toBe(404);
  });
});

describe('dev outbox', async () => {
  const { app } = await useTestApp({ smtpUrl: undefined });

  it('is paginated newest first for the national admin', async () => {
    const to = `${unique('boite')}@exemple.fr`;
    for (let i = 1; i <= 3; i++) await app.mailer.send({ to, subject: `Message ${i}`, text: `Texte ${i}`, html: '<p>x</p>' });
    const { headers } = await signedInUser(app, { nationalRole: 'admin' });
    // Other test files write to the outbox concurrently: follow the pages and look at ours.
    const ids: number[] = [];
    const mine: { subject: string; text: string; status: string }[] = [];
    let cursor: string | null = null;
    do {
      const res: { statusCode: number; json: () => any } = await app.inject({ method: 'GET', url: `/api/admin/outbox?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers });
      expect(res.statusCode).toBe(200);
      const page: { items: { id: number; to: string; subject: string; text: string; status: string }[]; nextCursor: string | null } = res.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const m of page.items) {
        ids.push(m.id);
        if (m.to === to) mine.push(m);
      }
      cursor = page.nextCursor;
    } while (cursor && mine.length < 3);
    expect(mine.map((m) => m.subject)).toEqual(['Message 3', 'Message 2', 'Message 1']);
    expect(mine[0]).toMatchObject({ text: 'Texte 3', status: 'outbox' });
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is closed to members and anonymous visitors', async () => {
    const { headers } = await signedInUser(app);
    expect((await app.inject({ method: 'GET', url: '/api/admin/outbox', headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/admin/outbox' })).statusCode).toBe(401);
    const bad = await app.inject({ method: 'GET', url: '/api/admin/outbox?cursor=nimportequoi', headers });
    expect(bad.statusCode).toBe(403);
  });
});
