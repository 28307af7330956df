import http from 'node:http';

/** A bare SSE reader over real HTTP: the notification stream, where message wake-ups travel too. */
export async function listen(port: number, cookie: string) {
  const list: { event: string; data: string }[] = [];
  let req: http.ClientRequest | undefined;
  await new Promise<void>((resolve, reject) => {
    req = http.get({ host: '127.0.0.1', port, path: '/api/notifications/stream', headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop()!;
        for (const block of blocks) {
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) list.push({ event, data });
        }
      });
      resolve();
    });
    req.on('error', reject);
  });
  return { list, close: () => req?.destroy() };
}
