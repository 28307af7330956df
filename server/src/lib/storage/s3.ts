import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AwsV4Signer } from 'aws4fetch';
import type { S3Config } from '../../config.js';
import type { Storage } from './index.js';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export interface SignInput {
  method: string;
  url: URL;
  /** Headers to sign (host is added from the URL); names in any case. */
  headers: Record<string, string>;
  /** Hex sha256 of the body (the empty body's for HEAD, GET, DELETE). */
  payloadHash: string;
  /** Signing time; tests pin it. */
  now?: Date;
}

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** RFC 3986 encoding of a path segment (encodeURIComponent leaves !'()* alone). */
export function uriEncode(value: string, keepSlash = false): string {
  const encoded = encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return keepSlash ? encoded.replace(/%2F/g, '/') : encoded;
}

/**
 * AWS Signature Version 4, header variant, by aws4fetch (no dependencies, Web Crypto): the headers to send, with
 * x-amz-date, x-amz-content-sha256 and authorization. Every header given is signed (content-type and
 * content-length included), and the body's digest is given, never computed here: bodies are streamed.
 */
export async function signRequest(input: SignInput, creds: Credentials): Promise<Headers> {
  const signer = new AwsV4Signer({
    method: input.method,
    url: input.url.toString(),
    headers: { ...input.headers, 'x-amz-content-sha256': input.payloadHash },
    accessKeyId: creds.accessKeyId,
    secretAccessKey: creds.secretAccessKey,
    region: creds.region,
    service: 's3',
    allHeaders: true,
    datetime: input.now?.toISOString().replace(/[:-]|\.\d{3}/g, ''),
  });
  return (await signer.sign()).headers;
}

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
    const headers = await signRequest(
      { method, url, headers: extra.headers ?? {}, payloadHash: extra.payloadHash ?? EMPTY_SHA256 },
      { accessKeyId: this.config.accessKeyId, secretAccessKey: this.config.secretAccessKey, region: this.config.region },
    );
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
