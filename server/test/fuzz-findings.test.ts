import { describe, expect, it } from 'vitest';
import { addMember, createCommunity } from './community-factories.js';
import { signedInUser } from './factories.js';
import { useTestApp } from './helpers.js';

/** The 5xx the API fuzzer found (npm run fuzz), each kept as a plain regression test. */
describe('fuzz findings', async () => {
  const { app } = await useTestApp();

  it('refuses an impossible day in the duty roster with a French 400 (was a 500: seed 20261206, #21107)', async () => {
    const community = await createCommunity(app);
    const animator = await signedInUser(app);
    await addMember(app, community.id, animator.user.id, 'animator');
    for (const from of ['9999-99-99', '2026-02-30', '2026-13-01', '0000-00-00']) {
      const res = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/duty-roster?from=${from}`, headers: animator.headers });
      expect(res.statusCode, `${from}: ${res.body}`).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { from: expect.any(String) } });
    }
    const ok = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/duty-roster?from=2026-03-04`, headers: animator.headers });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().weeks[0].weekStart).toBe('2026-03-02');
  });

  it('answers a malformed multipart upload with a French 400 (was a 500: seed 20261206, #15846)', async () => {
    const community = await createCommunity(app);
    const member = await signedInUser(app);
    await addMember(app, community.id, member.user.id);
    const bodies: [string, string][] = [
      ['multipart/form-data', '{}'],
      ['multipart/form-data; boundary=x', '{}'],
    ];
    for (const [type, payload] of bodies) {
      const res = await app.inject({
        method: 'POST', url: `/api/communities/${community.slug}/attachments`, headers: { ...member.headers, 'content-type': type }, payload,
      });
      expect(res.statusCode, `${type}: ${res.body}`).toBe(400);
      expect(['BAD_REQUEST', 'FILE_REQUIRED']).toContain(res.json().code);
      expect(res.json().message).toMatch(/fichier/);
    }
  });
});
