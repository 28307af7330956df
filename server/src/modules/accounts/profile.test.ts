import { describe, expect, it } from 'vitest';
import { unique, useTestApp } from '../../../test/helpers.js';
import { createUser, login, signedInUser } from '../../../test/factories.js';

describe('my profile', async () => {
  const { app } = await useTestApp();

  it('shows my account with my communities, and edits it', async () => {
    const { user, headers } = await signedInUser(app);
    const slug = unique('c');
    const { rows: [community] } = await app.pool.query(
      `INSERT INTO communities (slug, name, status) VALUES ($1, 'Politique de la ville', 'draft') RETURNING id`, [slug]);
    await app.pool.query(`INSERT INTO memberships (community_id, user_id, role) VALUES ($1, $2, 'coordinator')`, [community.id, user.id]);

    const me = await app.inject({ method: 'GET', url: '/api/me', headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      id: user.id, email: user.email, nationalRole: null, emailVerified: true,
      memberships: [{ community: { id: community.id, slug, name: 'Politique de la ville' }, role: 'coordinator' }],
    });
    expect(me.json()).not.toHaveProperty('passwordHash');

    const res = await app.inject({
      method: 'PATCH', url: '/api/me', headers,
      payload: { job: '  Urbaniste  ', departement: '2B', bio: 'Dix ans de renouvellement urbain.' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ job: 'Urbaniste', departement: '2B', bio: 'Dix ans de renouvellement urbain.', firstName: user.firstName });
  });

  it.each([
    ['bio over the limit', { bio: 'x'.repeat(2001) }, 'bio'],
    ['first name over the limit', { firstName: 'x'.repeat(81) }, 'firstName'],
    ['blank last name', { lastName: ' ' }, 'lastName'],
    ['unknown département', { departement: '99' }, 'departement'],
    ['email change', { email: 'autre@exemple.fr' }, 'email'],
    ['role change', { nationalRole: 'admin' }, 'nationalRole'],
  ])('refuses %s with 400', async (_label, payload, field) => {
    const { headers } = await signedInUser(app);
    const res = await app.inject({ method: 'PATCH', url: '/api/me', headers, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { [field]: expect.any(String) } });
  });

  it('changes the password, keeping this session and closing the others', async () => {
    const { user, password } = await createUser(app);
    const here = await login(app, user.email, password);
    const elsewhere = await login(app, user.email, password);
    const wrong = await app.inject({ method: 'POST', url: '/api/me/password', headers: here, payload: { currentPassword: 'faux faux faux', newPassword: 'Une toute nouvelle phrase' } });
    expect(wrong.statusCode).toBe(401);
    const weak = await app.inject({ method: 'POST', url: '/api/me/password', headers: here, payload: { currentPassword: password, newPassword: 'court' } });
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD', fields: { newPassword: expect.any(String) } });
    const ok = await app.inject({ method: 'POST', url: '/api/me/password', headers: here, payload: { currentPassword: password, newPassword: 'Une toute nouvelle phrase' } });
    expect(ok.json()).toEqual({ ok: true });
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: here })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: elsewhere })).statusCode).toBe(401);
    await login(app, user.email, 'Une toute nouvelle phrase');
  });
});

describe('other members', async () => {
  const { app } = await useTestApp();

  it('finds members by name, ignoring accents and case', async () => {
    const tag = unique('n').replace(/\d/g, '');
    const { user } = await createUser(app, { firstName: 'Hélène', lastName: `Lefèvre${tag}` });
    const { headers } = await signedInUser(app);
    // Hits carry only the details the member shows: here the employer, not the job.
    await app.pool.query('INSERT INTO member_settings (user_id, show_employer) VALUES ($1, true)', [user.id]);
    for (const q of [`lefevre${tag}`, `HELENE LEFÈVRE${tag}`, `${tag}`]) {
      const res = await app.inject({ method: 'GET', url: `/api/users?q=${encodeURIComponent(q)}`, headers });
      expect(res.statusCode).toBe(200);
      expect(res.json().items[0], q).toEqual({ id: user.id, firstName: 'Hélène', lastName: `Lefèvre${tag}`, employer: user.employer, job: '' });
      expect(res.json().nextCursor).toBeNull();
    }
    const short = await app.inject({ method: 'GET', url: '/api/users?q=a', headers });
    expect(short.statusCode).toBe(400);
    const pct = await app.inject({ method: 'GET', url: `/api/users?q=${encodeURIComponent('%%')}`, headers });
    expect(pct.statusCode).toBe(200);
  });
});
