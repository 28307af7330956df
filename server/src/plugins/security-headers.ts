import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import { embedFrameSources } from '../modules/attachments/embeds.js';
import type { App } from '../types.js';

type Directives = Record<string, string[]>;

/**
 * Browser features no page of ours uses, refused to our pages and to every frame they hold. Fullscreen,
 * picture-in-picture and encrypted media are left to their default (our origin, and the frames it delegates
 * them to with `allow=`), which the video players need once the reader asked for them.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer', 'browsing-topics', 'camera', 'display-capture', 'geolocation', 'gyroscope', 'hid', 'magnetometer',
  'microphone', 'midi', 'payment', 'serial', 'usb', 'xr-spatial-tracking',
].map((feature) => `${feature}=()`).join(', ');

/** `'sha256-…'` sources for the inline scripts and styles of the built page shell (none today; Vite may add some). */
export function inlineHashes(html: string): { script: string[]; style: string[] } {
  const hash = (body: string) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
  const bodies = (tag: 'script' | 'style') =>
    [...html.matchAll(new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'gi'))]
      .filter((m) => !/\ssrc\s*=/i.test(m[1] ?? '') && m[2]!.length > 0)
      .map((m) => hash(m[2]!));
  return { script: bodies('script'), style: bodies('style') };
}

/**
 * The pages' policy. Scripts and styles come only from our origin (the built files) or match a hash of the
 * shell; React's `style={…}` props are applied through the CSSOM, which CSP does not govern, so no
 * 'unsafe-inline' at all. The page shell adds a per-response style nonce (plugins/web-shell.ts) for the
 * few `<style>` elements React Aria inserts, which it marks with that nonce. Images also come from https: hosts, because posts and dossier covers may show
 * pictures from the web. Frames: only the players of the embed providers, loaded after the reader's click.
 */
export function pageDirectives(frameSources: string[], hashes = { script: [] as string[], style: [] as string[] }, styleNonce?: string): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...hashes.script],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", ...hashes.style, ...(styleNonce ? [`'nonce-${styleNonce}'`] : [])],
    'img-src': ["'self'", 'data:', 'https:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'frame-src': frameSources.length > 0 ? frameSources : ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/**
 * Swagger UI (/api/docs) is a separate single-page application served from our origin. Its bundle inserts
 * `<style>` elements (whose content changes with its versions, so no hash) and shows data: images (logo,
 * icons): styles may be inline there, never scripts. The page shows only our own API description, no
 * content from users, and sends requests only to our own API.
 */
export const DOCS_CSP = Object.entries({
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
}).map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');

/**
 * Stored files are hostile until proven otherwise: shown in a sandbox (unique origin, no scripts, no forms),
 * allowed only their own images and the inline styles a browser's built-in viewers (PDF, SVG) need.
 */
const ATTACHMENT_CSP: Directives = {
  sandbox: [], 'default-src': ["'none'"], 'img-src': ["'self'"], 'style-src': ["'unsafe-inline'"], 'frame-ancestors': ["'none'"],
};

/** Route policies other than the pages' one, named in a route's options: `config: { securityPolicy: 'attachment' }`. */
export type SecurityPolicy = 'attachment';

/**
 * Security headers on every response (pages, API, files, documentation), from one place. helmet computes them, once
 * per policy at start-up: @fastify/helmet built a new helmet middleware for every request (parsing the policy again,
 * ~24 µs a request here, a tenth of the cheapest route's cost; ADR 0009), while these headers never change but for
 * the page shell's nonce. Routes that need another policy name it (`securityPolicy`). HSTS only when cookies are
 * Secure: that setting is what says the site is served over HTTPS.
 */
export default fp(async function securityHeaders(app: App) {
  const { config } = app;
  const shell = join(config.webDist, 'index.html');
  const hashes = existsSync(shell) ? inlineHashes(readFileSync(shell, 'utf8')) : undefined;
  const frameSources = embedFrameSources(config.embedHosts);
  const options = (directives: Directives): HelmetOptions => ({
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: config.secureCookies ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    // The embedded players are third-party documents that do not opt in to COEP: it would block them.
    crossOriginEmbedderPolicy: false,
  });
  const pages = helmetHeaders(options(pageDirectives(frameSources, hashes)));
  const policies: Record<SecurityPolicy, Record<string, string>> = { attachment: helmetHeaders(options(ATTACHMENT_CSP)) };
  app.decorate('securityHeaders', pages);
  app.decorate('shellCsp', (styleNonce: string) => cspHeader(pageDirectives(frameSources, hashes, styleNonce)));
  app.addHook('onRequest', async (request, reply) => {
    const policy = request.routeOptions.config.securityPolicy;
    reply.headers(policy ? policies[policy] : pages);
  });
});

/** The Content-Security-Policy header of these directives, written as helmet writes it (the shell's, per response). */
function cspHeader(directives: Directives): string {
  return Object.entries(directives).map(([name, values]) => [name, ...values].join(' ')).join(';');
}

/**
 * The headers helmet sets with these options (and the permissions policy), computed once: helmet is an Express-style
 * middleware, run here on a stand-in response that records them.
 */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => {});
  return { ...headers, 'permissions-policy': PERMISSIONS_POLICY };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every security header of a page or API answer, for replies sent outside the routes' hooks. */
    securityHeaders: Record<string, string>;
    /** The page shell's Content-Security-Policy: the pages' policy plus this response's style nonce. */
    shellCsp: (styleNonce: string) => string;
  }
  interface FastifyContextConfig {
    /** A security policy other than the pages' one for this route's answers. */
    securityPolicy?: SecurityPolicy;
  }
}
