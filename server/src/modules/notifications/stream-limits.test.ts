import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { sessionFor, signedInUser } from '../../../test/factories.js';
import { STREAMS_PER_SESSION, STREAMS_PER_USER } from './live.js';

/** A real SSE connection: records what it received and whether the server ended it. */
function openStream(base: string, cookie: string) {
  const state = { status: 0, text: '', ended: false };
  let req: http.ClientRequest | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    req = http.get(`${base}/api/notifications/stream`, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      state.status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        state.text += chunk;
        // Resolved once the stream is registered: its opening comment has arrived.
        if (state.text.includes(': ouvert')) resolve();
      });
      res.on('end', () => { state.ended = true; });
      res.on('close', () => { state.ended = true; });
    });
    req.on('error', reject);
  });
  return { state, ready, close: () => req?.destroy() };
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('not in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('live streams per session and per person', async () => {
  const { app } = await useTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  it(`keeps at most ${STREAMS_PER_SESSION} streams per session, closing the oldest with "replaced"`, async () => {
    const { headers } = await signedInUser(app);
    const streams: ReturnType<typeof openStream>[] = [];
    for (let i = 0; i < STREAMS_PER_SESSION + 2; i++) {
      const s = openStream(base, headers.cookie);
      await s.ready;
      streams.push(s);
    }
    await until(() => streams[0]!.state.ended && streams[1]!.state.ended);
    expect(streams.map((s) => s.state.status)).toEqual(streams.map(() => 200));
    expect(streams[0]!.state.text).toContain('event: replaced');
    await new Promise((r) => setTimeout(r, 200));
    expect(streams.slice(2).map((s) => s.state.ended)).toEqual(Array(STREAMS_PER_SESSION).fill(false));
    for (const s of streams) s.close();
  });

  it(`keeps at most ${STREAMS_PER_USER} streams per person across sessions; 300 attempts hold no more`, async () => {
    const { user } = await signedInUser(app);
    const cookies: string[] = [];
    for (let i = 0; i < 4; i++) cookies.push((await sessionFor(app, user.id)).cookie);
    const streams: ReturnType<typeof openStream>[] = [];
    for (let i = 0; i < 12; i++) {
      const s = openStream(base, cookies[i % 4]!);
      await s.ready;
      streams.push(s);
    }
    await until(() => streams.filter((s) => s.state.ended).length === 2);
    expect(streams.slice(0, 2).every((s) => s.state.ended)).toBe(true);

    // The reported abuse: one session opening 300 streams. What stays open is capped.
    const burst: ReturnType<typeof openStream>[] = [];
    for (let i = 0; i < 300; i++) burst.push(openStream(base, cookies[0]!));
    await Promise.all(burst.map((s) => s.ready));
    await until(() => burst.filter((s) => !s.state.ended).length <= STREAMS_PER_SESSION);
    await until(() => [...streams, ...burst].filter((s) => !s.state.ended).length <= STREAMS_PER_USER);
    expect(burst.filter((s) => !s.state.ended).length).toBe(STREAMS_PER_SESSION);
    for (const s of [...streams, ...burst]) s.close();
  });
});
