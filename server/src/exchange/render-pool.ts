/**
 * Rendering of imported content (HTML → Markdown, Markdown → sanitised HTML: the costliest JavaScript of an
 * import) on worker threads, so the thread that reads, validates and writes batches never waits for it.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Body, Rendered } from './store.js';

/**
 * A thread's first code. Compiled (`npm start`, build/), the render module is JavaScript beside this one. Run from
 * the sources, it is TypeScript, and Node 20 does not hand the process's module hooks (`tsx`, or the test runner's)
 * to a worker's entry point, so the thread registers tsx itself before importing it.
 */
const BOOT = import.meta.url.endsWith('.js')
  ? `import(${JSON.stringify(new URL('./render-worker.js', import.meta.url).href)})`
  : `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./render-worker.ts', import.meta.url).href)}); })`;

type Job = { resolve: (r: Rendered[]) => void; reject: (e: Error) => void };

/** One thread per core beyond the one reading and writing (PostgreSQL shares them too): one on this 2-core machine. */
export const defaultRenderThreads = () => Math.max(1, availableParallelism() - 1);

export class RenderPool {
  private readonly workers: { worker: Worker; jobs: Map<number, Job>; failed?: Error }[] = [];
  private next = 0;

  constructor(size: number) {
    for (let i = 0; i < size; i += 1) {
      const worker = new Worker(BOOT, { eval: true });
      const entry: RenderPool['workers'][number] = { worker, jobs: new Map<number, Job>() };
      worker.on('message', ({ id, rendered, error }: { id: number; rendered?: Rendered[]; error?: string }) => {
        const job = entry.jobs.get(id)!;
        entry.jobs.delete(id);
        if (error !== undefined) job.reject(new Error(error));
        else job.resolve(rendered!);
      });
      // A thread that failed (or could not start) fails its jobs and every later one: the import stops, rolled back.
      worker.on('error', (err) => {
        entry.failed = err;
        for (const job of entry.jobs.values()) job.reject(err);
        entry.jobs.clear();
      });
      this.workers.push(entry);
    }
  }

  render(bodies: Body[], withExcerpt: boolean): Promise<Rendered[]> {
    if (bodies.length === 0) return Promise.resolve([]);
    // The least busy thread.
    const entry = [...this.workers].sort((a, b) => a.jobs.size - b.jobs.size)[0]!;
    if (entry.failed) return Promise.reject(entry.failed);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      entry.jobs.set(id, { resolve, reject });
      entry.worker.postMessage({ id, bodies, withExcerpt });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
