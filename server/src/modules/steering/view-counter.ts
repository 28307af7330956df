import type { Pool } from 'pg';
import { parisToday } from '../../../../common/time/index.js';


/**
 * Post reads, counted in memory and written in batches: one upsert per flush instead of one per read.
 * Per read, a direct upsert cost more PostgreSQL time than the read itself and made readers of a popular
 * post queue on its row. Nothing about the reader is kept. A crash loses at most one interval of counts.
 */
export class ViewCounter {
  private pending = new Map<string, { postId: number; day: string; communityId: number; views: number }>();
  private timer: NodeJS.Timeout;

  constructor(private readonly pool: Pool, intervalMs = 5_000, private readonly log: (msg: string) => void = () => {}) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  record(postId: number, communityId: number): void {
    const day = parisToday();
    const key = `${postId}|${day}`;
    const entry = this.pending.get(key);
    if (entry) entry.views += 1;
    else this.pending.set(key, { postId, day, communityId, views: 1 });
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    try {
      await this.pool.query({
        name: 'post-views-flush',
        text: `INSERT INTO post_views_daily (post_id, day, community_id, views)
               SELECT * FROM unnest($1::bigint[], $2::date[], $3::bigint[], $4::int[])
               ON CONFLICT (post_id, day) DO UPDATE SET views = post_views_daily.views + EXCLUDED.views`,
        values: [batch.map((b) => b.postId), batch.map((b) => b.day), batch.map((b) => b.communityId), batch.map((b) => b.views)],
      });
    } catch (err) {
      this.log(`lectures non comptées (${batch.length} publications) : ${(err as Error).message}`);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
