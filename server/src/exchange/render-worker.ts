/** A render-pool.ts thread: Markdown (or old HTML) → stored Markdown, sanitised HTML and excerpt, a batch at a time. */
import { parentPort } from 'node:worker_threads';
import { content, type Body } from './store.js';

parentPort!.on('message', ({ id, bodies, withExcerpt }: { id: number; bodies: Body[]; withExcerpt: boolean }) => {
  try {
    parentPort!.postMessage({ id, rendered: bodies.map((b) => content(b, undefined, withExcerpt)) });
  } catch (err) {
    parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
