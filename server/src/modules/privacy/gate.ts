import fp from 'fastify-plugin';
import type { App } from '../../types.js';
import { AppError } from '../../lib/errors.js';
import { cguToAccept } from './cgu.js';
import { writeAllowedBeforeCgu } from './policy.js';
import { isSafeMethod } from '../../lib/safe-methods.js';

/**
 * Refuses the writes of a signed-in member who has not accepted the CGU version in force
 * (see policy.ts for what stays allowed). Registered before the API modules so every route inherits it;
 * costs one indexed query per write of a signed-in member, none on reads.
 */
export default fp(async function cguGate(app: App) {
  app.addHook('onRequest', async (request) => {
    if (!request.user || isSafeMethod(request.method)) return;
    if (writeAllowedBeforeCgu(request.method, request.routeOptions.url)) return;
    if (await cguToAccept(app, request.user.id)) throw new AppError('CGU_NOT_ACCEPTED');
  });
}, { name: 'cgu-gate' });
