import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { isForbiddenAddress } from './link-preview.js';
import { signIn } from './posts.fixtures.js';

/**
 * The preview is tested against real addresses. Nothing here reaches the Internet: refusals
 * happen before any connection, and the successful previews read a local server that only the
 * test configuration (linkPreviewAllowLoopback) lets through.
 */

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<title>Ignoré quand og:title existe</title>
<meta content="Le rapport annuel de l&rsquo;ANCT" property="og:title">
<meta name="description" content="Politique de la ville : chiffres &amp; tendances 2024.">
<meta property="og:site_name" content="ANCT">
</head><body>…</body></html>`;

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/page') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    if (url === '/latin1') {
      return res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' }).end(Buffer.from('<title>Sécurité publique</title>', 'latin1'));
    }
    if (url === '/redirect') return res.writeHead(302, { location: '/page' }).end();
    if (url === '/to-private') return res.writeHead(302, { location: 'http://10.0.0.1/admin' }).end();
    if (url === '/to-localhost') return res.writeHead(301, { location: `http://localhost:${(server.address() as AddressInfo).port}/page` }).end();
    if (url.startsWith('/loop')) return res.writeHead(302, { location: `/loop${Number(url.slice(5) || 0) + 1}` }).end();
    if (url === '/big') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><head><title>Très long</title></head><body>');
      // 2 MiB: the reader stops at 512 KiB and still has the head.
      for (let i = 0; i < 64; i += 1) res.write('x'.repeat(32 * 1024));
      return res.end('</body></html>');
    }
    if (url === '/slow') return; // never answers: the 3 s budget ends it
    if (url === '/pdf') return res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7');
    if (url === '/missing') return res.writeHead(404).end();
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => { server.closeAllConnections(); server.close(); });

describe('link preview', async () => {
  const strict = await useTestApp();
  const loopback = await useTestApp({ linkPreviewAllowLoopback: true });

  async function preview(app: typeof strict.app, url: string, headers?: Record<string, string>) {
    const h = headers ?? (await signIn(app)).headers;
    return app.inject({ method: 'POST', url: '/api/link-preview', headers: h, payload: { url } });
  }

  it('classifies private, loopback, link-local, CGNAT, multicast and ULA addresses as forbidden', () => {
    for (const ip of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
      '224.0.0.1', '255.255.255.255', '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1',
      '::ffff:7f00:1', '::ffff:10.1.2.3', '64:ff9b::a00:1', '2002:c0a8:101::1']) {
      expect(isForbiddenAddress(ip), ip).toBe(true);
    }
    for (const ip of ['93.184.215.14', '2a01:e0a:1::1', '8.8.8.8', '::ffff:93.184.215.14']) expect(isForbiddenAddress(ip), ip).toBe(false);
    expect(isForbiddenAddress('127.0.0.1', { allowLoopback: true })).toBe(false);
    expect(isForbiddenAddress('10.0.0.1', { allowLoopback: true })).toBe(true);
  });

  it('refuses private and local targets, literal or resolved, without connecting', async () => {
    const { headers } = await signIn(strict.app);
    for (const url of ['http://127.0.0.1/', 'http://10.0.0.1/', 'http://[::1]/', 'http://localhost/', `http://localhost:${new URL(base).port}/page`,
      'http://[::ffff:127.0.0.1]/', 'http://0x7f000001/', 'http://169.254.169.254/latest/meta-data/', 'http://[fd00::1]/', `${base}/page`]) {
      const res = await preview(strict.app, url, headers);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code, url).toBe('LINK_PRIVATE_ADDRESS');
    }
  });

  it('refuses bad URLs and anonymous callers', async () => {
    const { headers } = await signIn(strict.app);
    for (const url of ['ftp://example.org/', 'file:///etc/passwd', 'pas une adresse', 'http://user:pw@example.org/']) {
      const res = await preview(strict.app, url, headers);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code, url).toBe('LINK_INVALID_URL');
    }
    expect((await strict.app.inject({ method: 'POST', url: '/api/link-preview', payload: { url: 'https://example.org' } })).statusCode).toBe(401);
    expect((await preview(strict.app, '', headers)).statusCode).toBe(400);
  });

  it('reads title, description and site from a page (loopback allowed by the test configuration)', async () => {
    const { headers } = await signIn(loopback.app);
    const page = await preview(loopback.app, `${base}/page`, headers);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toEqual({
      url: `${base}/page`, title: 'Le rapport annuel de l’ANCT', description: 'Politique de la ville : chiffres & tendances 2024.', siteName: 'ANCT',
    });
    const redirected = await preview(loopback.app, `${base}/redirect`, headers);
    expect(redirected.json()).toMatchObject({ url: `${base}/page`, title: 'Le rapport annuel de l’ANCT' });
    expect((await preview(loopback.app, `${base}/latin1`, headers)).json().title).toBe('Sécurité publique');
    expect((await preview(loopback.app, `${base}/big`, headers)).json().title).toBe('Très long');
    expect((await preview(loopback.app, `${base}/pdf`, headers)).json()).toMatchObject({ title: '', description: '' });
    expect((await preview(loopback.app, `${base}/to-localhost`, headers)).json().title).toBe('Le rapport annuel de l’ANCT');
  });

  it('re-checks every redirect, caps them at 3, and gives up on slow or failing sites', async () => {
    const { headers } = await signIn(loopback.app);
    const toPrivate = await preview(loopback.app, `${base}/to-private`, headers);
    expect(toPrivate.statusCode).toBe(400);
    expect(toPrivate.json().code).toBe('LINK_PRIVATE_ADDRESS');
    const loop = await preview(loopback.app, `${base}/loop`, headers);
    expect(loop.json().code).toBe('LINK_UNREACHABLE');
    expect((await preview(loopback.app, `${base}/missing`, headers)).json().code).toBe('LINK_UNREACHABLE');
    const started = Date.now();
    const slow = await preview(loopback.app, `${base}/slow`, headers);
    expect(slow.json().code).toBe('LINK_UNREACHABLE');
    expect(Date.now() - started).toBeLessThan(4500);
    const closed = await preview(loopback.app, 'http://127.0.0.1:1/', headers);
    expect(closed.json().code).toBe('LINK_UNREACHABLE');
  });
});
