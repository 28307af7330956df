import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { S3Config } from '../../config.js';
import type { Storage } from './index.js';
import { EMPTY_SHA256, signRequest, uriEncode } from './sigv4.js';

/**
 * S3-compatible object storage over plain fetch and SigV4 (PUT, GET, HEAD, DELETE of one object):
 * all the platform needs, without a 300-package SDK. Objects are private; the API streams them
 * to readers after its own access check.
 */
export class S3Storage implements Storage {
  readonly kind = 's3' as const;

  constructor(private readonly config: S3Config, private readonly timeoutMs = 30_000) {}

  urlOf(key: string): URL {
    const endpoint = new URL(this.config.endpoint);
    const path = uriEncode(key, true);
    if (this.config.forcePathStyle) {
      return new URL(`${endpoint.origin}${endpoint.pathname.replace(/\/$/, '')}/${uriEncode(this.config.bucket)}/${path}`);
    }
    return new URL(`${endpoint.protocol}//${this.config.bucket}.${endpoint.host}/${path}`);
  }

  private async send(method: string, key: string, extra: { headers?: Record<string, string>; payloadHash?: string; body?: Readable } = {}) {
    const url = this.urlOf(key);
    const headers = signRequest(
      { method, url, headers: extra.headers ?? {}, payloadHash: extra.payloadHash ?? EMPTY_SHA256 },
      { accessKeyId: this.config.accessKeyId, secretAccessKey: this.config.secretAccessKey, region: this.config.region },
    );
    delete headers.host; // fetch sets it, and refuses it as a header
    return fetch(url, {
      method,
      headers,
      body: extra.body ? (Readable.toWeb(extra.body) as unknown as BodyInit) : undefined,
      // Node's fetch needs this to stream a request body.
      ...(extra.body ? { duplex: 'half' } : {}),
      signal: AbortSignal.timeout(this.timeoutMs),
    } as RequestInit);
  }

  async putFile(key: string, tmpPath: string, meta: { size: number; mime: string; sha256: string }): Promise<void> {
    try {
      const head = await this.send('HEAD', key);
      if (head.ok) return; // content-addressed: already there
      const res = await this.send('PUT', key, {
        headers: { 'content-type': meta.mime, 'content-length': String(meta.size) },
        // The digest is signed, so the service rejects a body altered on the way.
        payloadHash: meta.sha256,
        body: createReadStream(tmpPath),
      });
      if (!res.ok) throw new Error(`S3 PUT ${key} : HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    } finally {
      await unlink(tmpPath).catch(() => undefined);
    }
  }

  async get(key: string) {
    const res = await this.send('GET', key);
    if (res.status === 404) return null;
    if (!res.ok || !res.body) throw new Error(`S3 GET ${key} : HTTP ${res.status}`);
    return { stream: Readable.fromWeb(res.body as unknown as WebReadableStream), size: Number(res.headers.get('content-length') ?? 0) };
  }

  async delete(key: string): Promise<void> {
    const res = await this.send('DELETE', key);
    if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${key} : HTTP ${res.status}`);
  }
}
