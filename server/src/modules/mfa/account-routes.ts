import type { App } from '../../types.js';
import { errorResponses, Ok } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import { CodeBody, RecoveryCodes, SecurityState, TotpCodeBody, TotpEnrolmentView } from '../../../../common/api/mfa.js';
import { confirmTotp, markReauthenticated, regenerateRecoveryCodes, removeTotp, startTotp, verifyCode, type MfaDeps } from './service.js';
import { loadStatus } from './status.js';
import { graceEndsAt, mfaRequired } from './gate.js';
import { listPasskeys } from './passkey-store.js';

/** « Sécurité du compte »: the signed-in person's own factors. Changing one ends their other sessions. */
export default async function accountRoutes(app: App) {
  const mfaDeps: MfaDeps = { db: app.db, config: app.config };
  app.get('/me/security', {
    config: { auth: 'user' },
    schema: { tags: ['comptes'], summary: 'Second facteur : état de mon compte', response: { 200: SecurityState, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const status = await loadStatus(app.db, user.id);
    const required = mfaRequired(app.config, status);
    const ends = required ? graceEndsAt(app.config, status) : null;
    return {
      demoAccount: status.demoAccount, required, graceEndsAt: ends?.toISOString() ?? null, totp: status.totp,
      passkeys: await listPasskeys(app.db, user.id), recoveryCodesLeft: status.recoveryCodesLeft,
    };
  });

  app.post('/me/security/totp', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: {
      tags: ['comptes'], summary: 'Commencer à associer une application d’authentification (QR code et clé)',
      response: { 200: TotpEnrolmentView, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return startTotp(mfaDeps, user.id, user.email);
  });

  app.post('/me/security/totp/confirm', {
    config: { auth: 'user', rateLimit: 'write', reauth: true },
    schema: {
      tags: ['comptes'], summary: 'Confirmer l’application avec un premier code (ferme les autres sessions)',
      body: TotpCodeBody, response: { 200: RecoveryCodes, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return confirmTotp(mfaDeps, user.id, request.body.code, request.session!.tokenHash);
  });

  app.delete('/me/security/totp', {
    config: { auth: 'user', rateLimit: 'write', reauth: true },
    schema: { tags: ['comptes'], summary: 'Retirer l’application d’authentification (ferme les autres sessions)', response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await removeTotp(mfaDeps, user.id, request.session!.tokenHash);
    return { ok: true as const };
  });

  app.post('/me/security/recovery-codes', {
    config: { auth: 'user', rateLimit: 'write', reauth: true },
    schema: {
      tags: ['comptes'], summary: 'Nouveaux codes de secours (les anciens ne valent plus)',
      response: { 200: RecoveryCodes, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return { recoveryCodes: await regenerateRecoveryCodes(mfaDeps, user.id, request.session!.tokenHash) };
  });

  app.post('/auth/reauth/second-factor', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: {
      tags: ['comptes'], summary: 'Confirmer son identité par le second facteur avant une action sensible, pour 10 minutes',
      body: CodeBody, response: { 200: Ok, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    await verifyCode(mfaDeps, user.id, request.body.method, request.body.code);
    await markReauthenticated(mfaDeps, user.id, request.session!.tokenHash);
    return { ok: true as const };
  });
}
