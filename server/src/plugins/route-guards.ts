import fp from 'fastify-plugin';
import { hit, LIMITS_BY_ACTION, subjectOf } from '../lib/rate-limit.js';
import type { App } from '../types.js';
import { requireUser, requireVerifiedUser } from './session.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Who may call the route at all: `'user'` a signed-in person (401 UNAUTHENTICATED otherwise), `'verified'` one
     * whose address is verified too (403 EMAIL_NOT_VERIFIED), as writing content needs. What they may do with a
     * given resource stays the module's policy (`authorize(can, action)` in the handler).
     */
    auth?: 'user' | 'verified';
    /** The limit of `LIMITS_BY_ACTION` each call counts against, per person or else per client address. */
    rateLimit?: keyof typeof LIMITS_BY_ACTION;
    /**
     * A write that can neither end a session nor change what a session carries of a user (content: posts,
     * comments, reactions, votes): its answer does not wait for the session announcements (plugins/session.ts).
     * Checked by `session-cache.test.ts`, which listens while each such route writes.
     */
    sessionNeutral?: boolean;
  }
}

/**
 * Authentication and rate limits declared on the route (`config: { auth: 'verified', rateLimit: 'write' }`) and
 * applied here, in one hook, instead of by hand at the top of each handler. They run once the input is validated
 * (a malformed request is a 400 whoever sends it) and just before the handler, in the order the handlers kept:
 * who you are, then how often. A limit that must share the write's transaction (the write not counted when it
 * fails) stays a `hit(app, limit, subject, tx)` in the service.
 */
export default fp(async function routeGuards(app: App) {
  app.addHook('preHandler', async (request) => {
    // (Also run for the not-found handler, whose options declare nothing.)
    const { auth, rateLimit } = request.routeOptions.config;
    if (auth === 'verified') requireVerifiedUser(request);
    else if (auth === 'user') requireUser(request);
    if (rateLimit) await hit(app, LIMITS_BY_ACTION[rateLimit], subjectOf(request));
  });
}, { name: 'route-guards' });
