import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/**
 * Outgoing HTTP GET that a member's input decides (link previews, veille feeds), hardened against SSRF:
 * only http(s); every address a host resolves to is checked before connecting, and the connection
 * uses the checked address (no second resolution an attacker could rebind); redirects are followed
 * by hand, each re-checked; one deadline for everything; a bounded number of bytes read.
 */

export interface AddressOptions {
  /** Tests only: lets the request reach a local HTTP server on 127.0.0.0/8 or ::1. */
  allowLoopback: boolean;
}

const blockedV4 = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blockedV4.addSubnet(prefix, bits, 'ipv4');

/** The 16 bytes of an IPv6 address (any textual form, including a trailing dotted quad). */
function ipv6Bytes(ip: string): number[] {
  let text = ip.split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -dotted[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') as [string, string] : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap((g) => { const n = parseInt(g, 16); return [n >> 8, n & 255]; });
}

function v4FromBytes(b: number[]): string {
  return b.join('.');
}

const isLoopback = (ip: string) => (net.isIPv4(ip) ? ip.startsWith('127.') : ipv6Bytes(ip).every((x, i) => x === (i === 15 ? 1 : 0)));

/** True for every address a public link must never reach. */
export function isForbiddenAddress(ip: string, opts: AddressOptions = { allowLoopback: false }): boolean {
  if (opts.allowLoopback && isLoopback(ip)) return false;
  if (net.isIPv4(ip)) return blockedV4.check(ip, 'ipv4');
  if (!net.isIPv6(ip)) return true;
  const b = ipv6Bytes(ip);
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  // Addresses that carry an IPv4 one: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96).
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return isForbiddenAddress(v4FromBytes(b.slice(12)), opts);
  if (zeros(0, 12)) return true; // ::, ::1 and the deprecated IPv4-compatible form
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) return isForbiddenAddress(v4FromBytes(b.slice(12)), opts);
  if (b[0] === 0x20 && b[1] === 0x02) return isForbiddenAddress(v4FromBytes(b.slice(2, 6)), opts); // 6to4
  if ((b[0]! & 0xfe) === 0xfc) return true; // unique local fc00::/7
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return true; // link-local fe80::/10
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return true; // site-local fec0::/10 (deprecated)
  if (b[0] === 0xff) return true; // multicast
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return true; // documentation
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x00 && b[3] === 0x00) return true; // Teredo hides the real target
  return false;
}

/** Why a safe GET failed; callers turn it into their own error code. */
export type SafeGetFailure = 'private_address' | 'timeout' | 'too_many_redirects' | 'too_large' | 'unreachable' | 'invalid_url';

export class SafeGetError extends Error {
  constructor(readonly reason: SafeGetFailure, message: string) {
    super(message);
  }
}

class PrivateAddress extends Error {}

export interface SafeGetOptions extends AddressOptions {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** `truncate`: keep the first maxBytes (a page's head is enough); `reject`: fail with too_large. */
  overflow: 'truncate' | 'reject';
  headers: Record<string, string>;
}

export interface SafeResponse {
  /** The URL finally answered, after redirects. */
  url: string;
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** dns.lookup, refusing the whole name when any of its addresses is forbidden. */
function guardedLookup(opts: AddressOptions): net.LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      if (addresses.length === 0 || addresses.some((a) => isForbiddenAddress(a.address, opts))) {
        return callback(new PrivateAddress(hostname), '', 4);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

interface Hop {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

class TooLarge extends Error {}

function requestOnce(url: URL, opts: SafeGetOptions, signal: AbortSignal): Promise<Hop> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Literal addresses never go through lookup: check them here.
  if (net.isIP(host) && isForbiddenAddress(host, opts)) return Promise.reject(new PrivateAddress(host));
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: 'GET', signal, lookup: guardedLookup(opts), agent: false,
      headers: { 'accept-encoding': 'identity', ...opts.headers },
    }, (res) => {
      const status = res.statusCode ?? 0;
      const done = (body: Buffer) => resolve({ status, headers: res.headers, body });
      if ((status >= 300 && status < 400) || status === 304) { res.resume(); return done(Buffer.alloc(0)); }
      const declared = Number(res.headers['content-length']);
      if (opts.overflow === 'reject' && declared > opts.maxBytes) { res.destroy(); return reject(new TooLarge()); }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size < opts.maxBytes) return;
        res.destroy();
        if (opts.overflow === 'reject') reject(new TooLarge());
        else done(Buffer.concat(chunks).subarray(0, opts.maxBytes));
      });
      res.on('end', () => done(Buffer.concat(chunks)));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function parseUrl(value: string): URL {
  let url: URL;
  try { url = new URL(value); } catch { throw new SafeGetError('invalid_url', 'adresse invalide'); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SafeGetError('invalid_url', 'seuls http et https sont acceptés');
  if (url.username || url.password) throw new SafeGetError('invalid_url', 'identifiants dans l’adresse');
  return url;
}

/** GET with redirects followed by hand; any status other than a redirect is returned as is. */
export async function safeGet(rawUrl: string, opts: SafeGetOptions): Promise<SafeResponse> {
  let url = parseUrl(rawUrl);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  try {
    for (let hop = 0; ; hop += 1) {
      const res = await requestOnce(url, opts, controller.signal);
      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && res.status !== 304 && location) {
        if (hop >= opts.maxRedirects) throw new SafeGetError('too_many_redirects', `plus de ${opts.maxRedirects} redirections`);
        let next: URL;
        try { next = new URL(location, url); } catch { throw new SafeGetError('invalid_url', 'redirection vers une adresse invalide'); }
        url = parseUrl(next.href);
        continue;
      }
      return { url: url.href, status: res.status, headers: res.headers, body: res.body };
    }
  } catch (err) {
    if (err instanceof SafeGetError) throw err;
    if (err instanceof PrivateAddress || (err as { cause?: unknown }).cause instanceof PrivateAddress) {
      throw new SafeGetError('private_address', 'adresse de réseau privé ou local');
    }
    if (err instanceof TooLarge) throw new SafeGetError('too_large', `réponse de plus de ${Math.round(opts.maxBytes / 1024)} Kio`);
    if (controller.signal.aborted) throw new SafeGetError('timeout', `pas de réponse complète en ${opts.timeoutMs / 1000} s`);
    throw new SafeGetError('unreachable', (err as Error).message || 'site injoignable');
  } finally {
    clearTimeout(timer);
  }
}
