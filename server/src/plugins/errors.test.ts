import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/helpers.js';

/** Sends `bytes` of JSON body to the listening app the way a reverse proxy does: all of it, whatever the answer. */
function sendBig(port: number, bytes: number): Promise<{ status: number; body: string; error?: string }> {
  const body = Buffer.alloc(bytes, 'a');
  return new Promise((resolve) => {
    let result: { status: number; body: string; error?: string } = { status: 0, body: '' };
    const req = http.request({
      host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': body.length },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => { result = { ...result, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }; });
    });
    req.on('error', (err: NodeJS.ErrnoException) => { result = { ...result, error: err.code ?? err.message }; });
    req.on('close', () => setTimeout(() => resolve(result), 50));
    req.end(body);
  });
}

describe('refused request bodies', async () => {
  const { app } = await useTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };

  it('a body over the limit gets the French 413 after being read, not a connection cut under the sender', async () => {
    // Cut mid-upload, nginx reports a broken pipe, answers 502 and takes the instance out (deploy/nginx/).
    const res = await sendBig(port, 6_000_000);
    expect(res.error).toBeUndefined();
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
