import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS } from '../../../common/errors.js';
import type { App } from '../types.js';
import { newAddressFor } from '../modules/exchange/old-addresses.js';

/**
 * The built web client: its files as they are, and every other non-API path answered by the page shell
 * (index.html), which the client's router takes over. The shell is sent with a fresh nonce each time, in a
 * `<meta property="csp-nonce">` where React Aria finds it for the `<style>` elements it inserts, and in the
 * response's Content-Security-Policy (plugins/security-headers.ts).
 */
export default fp(async function webShell(app: App) {
  const indexHtml = join(app.config.webDist, 'index.html');
  // An address of the previous platform (imported bundles) answers a permanent redirect to its page here, before
  // the page shell would have answered it with the client's « page introuvable ».
  const oldAddress = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null;
    const target = await newAddressFor(app.db, request.url);
    return target ? reply.redirect(target, 301) : null;
  };
  if (!existsSync(indexHtml)) {
    // Without a built client (API-only deployments, tests) old addresses still redirect.
    app.setNotFoundHandler(async (request, reply) => {
      if (!request.url.startsWith('/api') && await oldAddress(request, reply)) return reply;
      return reply.status(404).send({ code: 'NOT_FOUND', message: ERRORS.NOT_FOUND.message });
    });
    return;
  }
  const html = readFileSync(indexHtml, 'utf8');
  const headEnd = html.indexOf('</head>');
  if (headEnd < 0) throw new Error(`${indexHtml} n’a pas de balise </head> : reconstruisez le client web (npm run build:web).`);

  // index.html only ever goes out through sendShell below, with its nonce.
  await app.register(fastifyStatic, { root: app.config.webDist, wildcard: false, maxAge: '1h', index: false, globIgnore: ['index.html'] });

  const sendShell = (reply: FastifyReply) => {
    const nonce = randomBytes(16).toString('base64');
    reply.header('content-security-policy', app.shellCsp(nonce));
    const page = `${html.slice(0, headEnd)}<meta property="csp-nonce" nonce="${nonce}">\n  ${html.slice(headEnd)}`;
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
  };
  app.setNotFoundHandler(async (request, reply) => {
    if (!request.url.startsWith('/api') && await oldAddress(request, reply)) return reply;
    if (request.method !== 'GET' || request.url.startsWith('/api')) {
      return reply.status(404).send({ code: 'NOT_FOUND', message: ERRORS.NOT_FOUND.message });
    }
    return sendShell(reply);
  });
});
