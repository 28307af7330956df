import type { App } from '../../types.js';
import { errorResponses, Ok } from '../../lib/schemas.js';
import { loadUser } from '../accounts/service.js';
import { cancelSignIn, completeSignIn, loadPending } from './gate.js';
import { CodeBody, DemoAccounts, PendingState, SignedInEnrolled, SignedInNext, TotpCodeBody, TotpEnrolmentView } from '../../../../common/api/mfa.js';
import { confirmTotp, startTotp, verifyCode, type MfaDeps } from './service.js';
import { listDemoAccounts, loadStatus } from './status.js';

/**
 * The second step of a sign-in, before any session exists: the browser holds the half-done sign-in's
 * cookie (gate.ts). Anonymous writes, checked by Origin like the login itself.
 */
export default async function signInRoutes(app: App) {
  const mfaDeps: MfaDeps = { db: app.db, config: app.config };
  app.get('/auth/demo-accounts', {
    schema: {
      tags: ['comptes'], summary: 'Comptes de démonstration (exemptés du second facteur), listés sur la page de connexion',
      response: { 200: DemoAccounts, ...errorResponses },
    },
  }, async () => ({ accounts: await listDemoAccounts(app.db) }));

  app.get('/auth/second-factor', {
    schema: { tags: ['comptes'], summary: 'Connexion en cours : second facteur attendu', response: { 200: PendingState, ...errorResponses } },
  }, async (request) => {
    const pending = await loadPending(app, request);
    const status = await loadStatus(app.db, pending.userId);
    return { step: pending.step as 'verify' | 'enrol', methods: { totp: status.totp, passkey: status.passkeys > 0, recovery: status.recoveryCodesLeft > 0 } };
  });

  app.post('/auth/second-factor', {
    config: { rateLimit: 'write' },
    schema: {
      tags: ['comptes'], summary: 'Finir de se connecter avec un code (application ou code de secours)',
      body: CodeBody, response: { 200: SignedInNext, ...errorResponses },
    },
  }, async (request, reply) => {
    const pending = await loadPending(app, request, 'verify');
    await verifyCode(mfaDeps, pending.userId, request.body.method, request.body.code);
    return completeSignIn(app, request, reply, pending);
  });

  app.post('/auth/second-factor/cancel', {
    config: { rateLimit: 'write' },
    schema: { tags: ['comptes'], summary: 'Abandonner la connexion en cours', response: { 200: Ok, ...errorResponses } },
  }, async (request, reply) => {
    await cancelSignIn(app, request, reply);
    return { ok: true as const };
  });

  app.post('/auth/second-factor/totp', {
    config: { rateLimit: 'write' },
    schema: {
      tags: ['comptes'], summary: 'Délai écoulé : commencer à associer une application d’authentification',
      response: { 200: TotpEnrolmentView, ...errorResponses },
    },
  }, async (request) => {
    const pending = await loadPending(app, request, 'enrol');
    return startTotp(mfaDeps, pending.userId, (await loadUser(app.db, pending.userId)).email);
  });

  app.post('/auth/second-factor/totp/confirm', {
    config: { rateLimit: 'write' },
    schema: {
      tags: ['comptes'], summary: 'Délai écoulé : confirmer l’application avec un premier code, puis se connecter',
      body: TotpCodeBody, response: { 200: SignedInEnrolled, ...errorResponses },
    },
  }, async (request, reply) => {
    const pending = await loadPending(app, request, 'enrol');
    // No session to keep: every other session of the person ends with the new factor.
    const { recoveryCodes } = await confirmTotp(mfaDeps, pending.userId, request.body.code, '');
    return { ...(await completeSignIn(app, request, reply, pending)), recoveryCodes };
  });
}
