import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { call, createStaff, enrolTotp, Jar, signIn } from './mfa.fixtures.js';

const forged = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' } };

describe('passkeys: refusals (the browser journey registers and uses a real one)', async () => {
  const { app } = await useTestApp({ sessionCacheSeconds: 0 });

  it('gives registration options bound to this site, and refuses an answer to no challenge or a forged one', async () => {
    const { user, password } = await createStaff(app);
    const jar = new Jar();
    await signIn(app, jar, user.email, password);
    const refusedEarly = await call(app, jar, 'POST', '/api/me/security/passkeys', { name: 'Clé', response: forged });
    expect(refusedEarly.json()).toMatchObject({ code: 'MFA_PASSKEY_REFUSED' });
    const options = (await call(app, jar, 'POST', '/api/me/security/passkeys/options')).json() as { rp: { id: string }; challenge: string; user: { name: string } };
    expect(options.rp.id).toBe('localhost');
    expect(options.user.name).toBe(user.email);
    expect(options.challenge.length).toBeGreaterThan(20);
    const forgedAnswer = await call(app, jar, 'POST', '/api/me/security/passkeys', { name: 'Clé', response: forged });
    expect(forgedAnswer.statusCode).toBe(400);
    expect(forgedAnswer.json()).toMatchObject({ code: 'MFA_PASSKEY_REFUSED', message: 'La clé d’accès n’a pas pu être vérifiée : réessayez.' });
    expect((await call(app, jar, 'GET', '/api/me/security')).json()).toMatchObject({ passkeys: [] });
    // Removing what is not there changes nothing.
    expect((await call(app, jar, 'DELETE', '/api/me/security/passkeys/999999999')).statusCode).toBe(200);
  });

  it('offers no passkey step to a person without one; an answer to no challenge is refused before any check', async () => {
    const { user, password } = await createStaff(app);
    await enrolTotp(app, new Jar(), user.email, password);
    const jar = new Jar();
    await signIn(app, jar, user.email, password);
    expect((await call(app, jar, 'POST', '/api/auth/second-factor/passkey/options')).json()).toMatchObject({ code: 'MFA_NO_FACTOR' });
    expect((await call(app, jar, 'POST', '/api/auth/second-factor/passkey', { response: forged })).json()).toMatchObject({ code: 'MFA_PASSKEY_REFUSED' });
    const { rows } = await app.pool.query(`SELECT count FROM rate_limits WHERE key = $1`, [`mfa-failures:u${user.id}`]);
    expect(Number(rows[0]?.count ?? 0)).toBe(0);
  });

  it('refuses passkeys on demo accounts', async () => {
    const { user, password } = await createStaff(app);
    await app.pool.query('UPDATE users SET demo_account = true WHERE id = $1', [user.id]);
    const jar = new Jar();
    await signIn(app, jar, user.email, password);
    expect((await call(app, jar, 'POST', '/api/me/security/passkeys/options')).json()).toMatchObject({ code: 'MFA_DEMO_ACCOUNT' });
  });
});
