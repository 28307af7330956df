import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createStorage, keyFor } from './index.js';
import { LocalStorage } from './local.js';
import { EMPTY_SHA256, S3Storage, signRequest } from './s3.js';

const streamToBuffer = async (stream: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
};
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

async function tmpFile(dir: string, content: string): Promise<string> {
  const path = join(dir, `t-${Math.random().toString(36).slice(2)}`);
  await writeFile(path, content);
  return path;
}

describe('SigV4 signing', () => {
  it('matches the GET Object example of the S3 documentation', async () => {
    const headers = await signRequest(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { Range: 'bytes=0-9' },
        payloadHash: EMPTY_SHA256,
        now: new Date('2013-05-24T00:00:00Z'),
      },
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' },
    );
    expect(headers.get('authorization')?.split(/,\s*/)).toEqual([
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request',
      'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date',
      'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    ]);
    expect(headers.get('x-amz-date')).toBe('20130524T000000Z');
    expect(headers.has('host')).toBe(false); // fetch sets it, and refuses it as a header
  });
});

describe('local storage', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ecom-storage-'));

  it('moves the temp file into a content-addressed place and reads it back', async () => {
    const storage = new LocalStorage(join(dir, 'uploads'));
    const key = keyFor(sha('bonjour'));
    const tmp = await tmpFile(dir, 'bonjour');
    await storage.putFile(key, tmp);
    const got = await storage.get(key);
    expect(got?.size).toBe(7);
    expect((await streamToBuffer(got!.stream)).toString()).toBe('bonjour');
    // Putting the same content again keeps one blob and removes the temp file.
    const again = await tmpFile(dir, 'bonjour');
    await storage.putFile(key, again);
    expect((await readdir(dir)).filter((n) => n.startsWith('t-'))).toEqual([]);
    expect(await storage.get(keyFor(sha('absent')))).toBeNull();
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
  });

  it('refuses keys that would leave the storage root', async () => {
    const storage = new LocalStorage(join(dir, 'uploads'));
    await expect(storage.get('../../etc/passwd')).rejects.toThrow(/invalide/);
  });

  it('is chosen when no S3 bucket is configured', () => {
    expect(createStorage({ dataDir: dir, s3: undefined }).kind).toBe('local');
  });
});

/**
 * No S3 service is reachable from the test machines: a local HTTP server plays the bucket,
 * records each request and verifies its signature by signing the received request again.
 */
describe('S3 storage against a recording server', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ecom-s3-'));
  const creds = { accessKeyId: 'AKTEST', secretAccessKey: 'secret/key+1', region: 'fr-par' };
  const objects = new Map<string, Buffer>();
  const seen: { method: string; path: string; signatureOk: boolean; bodyHashOk: boolean }[] = [];

  async function verify(req: IncomingMessage, body: Buffer, port: number): Promise<{ signatureOk: boolean; bodyHashOk: boolean }> {
    const auth = String(req.headers.authorization ?? '');
    const signed = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(';') ?? [];
    const amzDate = String(req.headers['x-amz-date']);
    const now = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
    const headers: Record<string, string> = {};
    for (const name of signed) if (!['host', 'x-amz-date', 'x-amz-content-sha256'].includes(name)) headers[name] = String(req.headers[name]);
    const again = await signRequest(
      { method: req.method!, url: new URL(req.url!, `http://127.0.0.1:${port}`), headers, payloadHash: String(req.headers['x-amz-content-sha256']), now },
      creds,
    );
    const payload = String(req.headers['x-amz-content-sha256']);
    return { signatureOk: again.get('authorization') === auth, bodyHashOk: payload === sha(body) };
  }

  const server = createServer(async (req, res) => {
    const body = await streamToBuffer(req);
    const { port } = server.address() as AddressInfo;
    seen.push({ method: req.method!, path: req.url!, ...(await verify(req, body, port)) });
    const stored = objects.get(req.url!);
    if (req.method === 'PUT') {
      objects.set(req.url!, body);
      res.writeHead(200).end();
    } else if (req.method === 'HEAD' || req.method === 'GET') {
      if (!stored) return res.writeHead(404).end();
      res.writeHead(200, { 'content-length': String(stored.length) });
      res.end(req.method === 'GET' ? stored : undefined);
    } else if (req.method === 'DELETE') {
      objects.delete(req.url!);
      res.writeHead(204).end();
    } else res.writeHead(405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  const storage = createStorage({
    dataDir: dir,
    s3: { endpoint: `http://127.0.0.1:${port}`, bucket: 'pieces-jointes', forcePathStyle: true, ...creds },
  }) as S3Storage;

  it('uploads with a signed PUT carrying the content digest, then reads back with a signed GET', async () => {
    expect(storage.kind).toBe('s3');
    const content = 'contenu du fichier';
    const key = keyFor(sha(content));
    const tmp = await tmpFile(dir, content);
    await storage.putFile(key, tmp, { size: content.length, mime: 'application/pdf', sha256: sha(content) });
    const put = seen.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/pieces-jointes/${key}`);
    expect(put.signatureOk).toBe(true);
    expect(put.bodyHashOk).toBe(true);
    await expect(readFile(tmp)).rejects.toThrow(); // temp file removed

    const got = await storage.get(key);
    expect((await streamToBuffer(got!.stream)).toString()).toBe(content);
    expect(seen.filter((r) => r.method === 'GET').every((r) => r.signatureOk)).toBe(true);
  });

  it('skips the PUT when the object already exists, answers null for a missing one, deletes', async () => {
    const content = 'deux fois';
    const key = keyFor(sha(content));
    await storage.putFile(key, await tmpFile(dir, content), { size: content.length, mime: 'image/png', sha256: sha(content) });
    const puts = seen.filter((r) => r.method === 'PUT').length;
    await storage.putFile(key, await tmpFile(dir, content), { size: content.length, mime: 'image/png', sha256: sha(content) });
    expect(seen.filter((r) => r.method === 'PUT').length).toBe(puts);
    expect(await storage.get(keyFor(sha('nulle part')))).toBeNull();
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    expect(seen.every((r) => r.signatureOk)).toBe(true);
  });

  it('builds virtual-hosted URLs when path style is off', () => {
    const vhost = new S3Storage({ endpoint: 'https://s3.fr-par.scw.cloud', bucket: 'b', forcePathStyle: false, ...creds });
    expect(vhost.urlOf('ab/cd/ef').toString()).toBe('https://b.s3.fr-par.scw.cloud/ab/cd/ef');
  });
});
