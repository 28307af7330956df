import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { useTestApp } from '../../test/helpers.js';
import { DEFAULT_EMBED_HOSTS, loadConfig } from '../config.js';
import { inlineHashes } from './security-headers.js';

/** A built client shell with one inline script, as a future Vite version might emit. */
const INLINE = 'window.__boot = 1;';
const webDist = mkdtempSync(join(tmpdir(), 'ecom-headers-web-'));
mkdirSync(join(webDist, 'assets'));
writeFileSync(join(webDist, 'index.html'), `<!doctype html><html lang="fr"><head><script type="module" src="/assets/app.js"></script><script>${INLINE}</script></head><body><div id="root"></div></body></html>`);
writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log(1);');
afterAll(() => rmSync(webDist, { recursive: true, force: true }));

function directives(res: LightMyRequestResponse): Map<string, string[]> {
  const csp = String(res.headers['content-security-policy'] ?? '');
  return new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name!, values];
  }));
}

/** What every response carries, whatever its policy. */
function expectCommonHeaders(res: LightMyRequestResponse) {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('same-origin');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['permissions-policy']).toMatch(/(^|, )camera=\(\)/);
  expect(res.headers['permissions-policy']).toMatch(/(^|, )geolocation=\(\)/);
  expect(res.headers['permissions-policy']).toMatch(/(^|, )microphone=\(\)/);
  expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(directives(res).get('frame-ancestors')).toEqual(["'none'"]);
}

/**
 * The pages' policy: no inline script or style but the shell's hashed ones, and on the shell the style nonce
 * React Aria reads from the page; frames only from the embed providers.
 */
function expectPagePolicy(res: LightMyRequestResponse) {
  const d = directives(res);
  expect(d.get('default-src')).toEqual(["'self'"]);
  expect(d.get('script-src')).toEqual(["'self'", ...inlineHashes(`<script>${INLINE}</script>`).script]);
  expect(d.get('script-src-attr')).toEqual(["'none'"]);
  const nonce = /<meta property="csp-nonce" nonce="([A-Za-z0-9+/=]{24})">/.exec(res.body)?.[1];
  if (String(res.headers['content-type']).startsWith('text/html')) {
    expect(nonce).toBeDefined();
    expect(d.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
  } else {
    expect(d.get('style-src')).toEqual(["'self'"]);
  }
  expect(d.get('object-src')).toEqual(["'none'"]);
  expect(d.get('base-uri')).toEqual(["'none'"]);
  expect(d.get('frame-src')).toEqual(expect.arrayContaining(['https://www.youtube-nocookie.com', 'https://player.vimeo.com', 'https://www.dailymotion.com', 'https://www.openstreetmap.org', 'https://framatube.org', 'https://umap.openstreetmap.fr']));
  expect(d.get('frame-src')!.every((s) => s.startsWith('https://') && !s.includes('*'))).toBe(true);
  expect(String(res.headers['content-security-policy'])).not.toContain('unsafe');
}

describe('security headers with secure cookies (HTTPS deployment)', async () => {
  const { app } = await useTestApp({ webDist, secureCookies: true });

  it('sends the shell with a fresh style nonce each time', async () => {
    const [a, b] = await Promise.all([app.inject({ method: 'GET', url: '/' }), app.inject({ method: 'GET', url: '/' })]);
    expect(a.headers['content-security-policy']).not.toBe(b.headers['content-security-policy']);
    expect(a.headers['cache-control']).toBe('no-cache');
    expect((await app.inject({ method: 'GET', url: '/index.html' })).body).toContain('csp-nonce');
  });

  it('sets them on the page shell, on a deep link and on the built files', async () => {
    for (const url of ['/', '/communautes/urbanisme/publications/12', '/index.html', '/assets/app.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expectCommonHeaders(res);
      expectPagePolicy(res);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('sets them on API answers, refusals included', async () => {
    for (const [url, status] of [['/api/health', 200], ['/api/nope', 404], ['/api/communities/%ZZ', 400]] as const) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(status);
      expectCommonHeaders(res);
      expectPagePolicy(res);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('gives the API documentation its own policy: inline styles, never inline scripts', async () => {
    for (const url of ['/api/docs', '/api/docs/static/swagger-initializer.js', '/api/docs/json']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expectCommonHeaders(res);
      const d = directives(res);
      expect(d.get('script-src')).toEqual(["'self'"]);
      expect(d.get('script-src-attr')).toEqual(["'none'"]);
      expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      expect(d.get('connect-src')).toEqual(["'self'"]);
      expect(d.has('frame-src')).toBe(false);
    }
  });

  it('hashes every inline script and style of a shell, and ignores external scripts', () => {
    const html = '<script src="/a.js"></script><script>one()</script><style>p{color:red}</style><script type="module">two()</script>';
    const hashes = inlineHashes(html);
    expect(hashes.script).toHaveLength(2);
    expect(hashes.style).toHaveLength(1);
    // The value a browser computes for `<script>one()</script>`.
    expect(hashes.script[0]).toBe("'sha256-HR7iaask9daLMRRskMI++QeJtjWDOjyPA6lGzYGzKW4='");
  });
});

describe('security headers without secure cookies (plain HTTP)', async () => {
  const { app } = await useTestApp({ webDist, secureCookies: false });

  it('leaves HSTS out, everything else unchanged', async () => {
    for (const url of ['/', '/api/health', '/api/docs']) {
      const res = await app.inject({ method: 'GET', url });
      expectCommonHeaders(res);
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });
});

describe('EMBED_PEERTUBE_HOSTS and EMBED_UMAP_HOSTS', () => {
  const env = (extra: Record<string, string>) => ({ DATA_DIR: '/tmp/ecommunautes-headers-test', APP_SECRET: 'x', ...extra }) as NodeJS.ProcessEnv;

  it('replace the default instances, and an empty value allows none', () => {
    expect(loadConfig(env({}), []).embedHosts).toEqual(DEFAULT_EMBED_HOSTS);
    expect(loadConfig(env({ EMBED_PEERTUBE_HOSTS: ' Video.Exemple.fr , tube.exemple.org', EMBED_UMAP_HOSTS: '' }), []).embedHosts)
      .toEqual({ peertube: ['video.exemple.fr', 'tube.exemple.org'], umap: [] });
  });

  it('refuse an address or a port instead of a host name, with a French sentence', () => {
    for (const bad of ['https://tube.exemple.fr', 'tube.exemple.fr:8443', '*.exemple.fr', 'localhost']) {
      expect(() => loadConfig(env({ EMBED_PEERTUBE_HOSTS: bad }), [])).toThrow(/EMBED_PEERTUBE_HOSTS doit être une liste de noms d’hôtes/);
    }
  });
});
