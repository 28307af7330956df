import { Type } from 'typebox';
import type { App } from '../../types.js';
import { errorResponses, IdParam, Ok } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import { completeSignIn, loadPending, pendingOwner } from './gate.js';
import { authenticationOptions, registerPasskey, registrationOptions, removePasskey, verifyPasskey } from './passkeys.js';
import { PasskeyName, RecoveryCodes, SignedInEnrolled, SignedInNext, WebAuthnOptions, WebAuthnResponse } from '../../../../common/api/mfa.js';
import { loadUser } from '../accounts/service.js';
import { markReauthenticated, type MfaDeps } from './service.js';

/** Passkeys (WebAuthn) as a second factor: registered from « Sécurité du compte », used at sign-in and to re-authenticate. */
export default async function passkeyRoutes(app: App) {
  const mfaDeps: MfaDeps = { db: app.db, config: app.config };
  // Each use gets its own challenge slot, so options fetched for one purpose cannot answer another.
  const sessionOwner = (purpose: string, tokenHash: string) => `${purpose}:${tokenHash}`;

  app.post('/me/security/passkeys/options', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags: ['comptes'], summary: 'Options pour créer une clé d’accès', response: { 200: WebAuthnOptions, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    return registrationOptions(app, user, sessionOwner('register', request.session!.tokenHash));
  });

  app.post('/me/security/passkeys', {
    config: { auth: 'user', rateLimit: 'write', reauth: true },
    schema: {
      tags: ['comptes'], summary: 'Enregistrer une clé d’accès nommée (ferme les autres sessions)',
      body: Type.Object({ name: PasskeyName, response: WebAuthnResponse }, { additionalProperties: false }),
      response: { 200: RecoveryCodes, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const tokenHash = request.session!.tokenHash;
    return registerPasskey(app, user.id, sessionOwner('register', tokenHash), request.body.name, request.body.response, tokenHash);
  });

  app.delete('/me/security/passkeys/:id', {
    config: { auth: 'user', rateLimit: 'write', reauth: true },
    schema: { tags: ['comptes'], summary: 'Retirer une clé d’accès (ferme les autres sessions)', params: IdParam, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await removePasskey(app, user.id, request.params.id, request.session!.tokenHash);
    return { ok: true as const };
  });

  app.post('/auth/reauth/passkey/options', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags: ['comptes'], summary: 'Options pour confirmer son identité avec une clé d’accès', response: { 200: WebAuthnOptions, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    return authenticationOptions(app, user.id, sessionOwner('reauth', request.session!.tokenHash));
  });

  app.post('/auth/reauth/passkey', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: {
      tags: ['comptes'], summary: 'Confirmer son identité avec une clé d’accès avant une action sensible, pour 10 minutes',
      body: Type.Object({ response: WebAuthnResponse }, { additionalProperties: false }), response: { 200: Ok, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const tokenHash = request.session!.tokenHash;
    await verifyPasskey(app, user.id, sessionOwner('reauth', tokenHash), request.body.response);
    await markReauthenticated(mfaDeps, user.id, tokenHash);
    return { ok: true as const };
  });

  app.post('/auth/second-factor/passkey/options', {
    config: { rateLimit: 'write' },
    schema: { tags: ['comptes'], summary: 'Connexion en cours : options pour la clé d’accès', response: { 200: WebAuthnOptions, ...errorResponses } },
  }, async (request) => {
    const pending = await loadPending(app, request, 'verify');
    return authenticationOptions(app, pending.userId, pendingOwner(pending));
  });

  app.post('/auth/second-factor/passkey', {
    config: { rateLimit: 'write' },
    schema: {
      tags: ['comptes'], summary: 'Finir de se connecter avec une clé d’accès',
      body: Type.Object({ response: WebAuthnResponse }, { additionalProperties: false }), response: { 200: SignedInNext, ...errorResponses },
    },
  }, async (request, reply) => {
    const pending = await loadPending(app, request, 'verify');
    await verifyPasskey(app, pending.userId, pendingOwner(pending), request.body.response);
    return completeSignIn(app, request, reply, pending);
  });

  // The grace period is over (gate.ts, step 'enrol'): a passkey may be the factor enrolled, as an app may.
  const enrolOwner = (idHash: string) => `enrol:${idHash}`;

  app.post('/auth/second-factor/passkey/register/options', {
    config: { rateLimit: 'write' },
    schema: { tags: ['comptes'], summary: 'Délai écoulé : options pour créer une clé d’accès, puis se connecter', response: { 200: WebAuthnOptions, ...errorResponses } },
  }, async (request) => {
    const pending = await loadPending(app, request, 'enrol');
    return registrationOptions(app, await loadUser(app.db, pending.userId), enrolOwner(pending.idHash));
  });

  app.post('/auth/second-factor/passkey/register', {
    config: { rateLimit: 'write' },
    schema: {
      tags: ['comptes'], summary: 'Délai écoulé : enregistrer une clé d’accès nommée et se connecter',
      body: Type.Object({ name: PasskeyName, response: WebAuthnResponse }, { additionalProperties: false }),
      response: { 200: SignedInEnrolled, ...errorResponses },
    },
  }, async (request, reply) => {
    const pending = await loadPending(app, request, 'enrol');
    // No session to keep: every other session of the person ends with the new factor.
    const { recoveryCodes } = await registerPasskey(app, pending.userId, enrolOwner(pending.idHash), request.body.name, request.body.response, '');
    return { ...(await completeSignIn(app, request, reply, pending)), recoveryCodes };
  });
}
