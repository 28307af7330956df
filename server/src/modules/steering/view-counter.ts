import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { named } from '../../lib/named-query.js';
import { parisToday } from '../../../../common/time/index.js';


/**
 * Post reads, counted in memory and written in batches: one upsert per flush instead of one per read.
 * Per read, a direct upsert cost more PostgreSQL time than the read itself and made readers of a popular
 * post queue on its row. Nothing about the reader is kept. A crash loses at most one interval of counts.
 */
export class ViewCounter {
  private pending = new Map<string, { postId: number; day: string; communityId: number; views: number }>();
  private timer: NodeJS.Timeout;

  constructor(private readonly db: Db, intervalMs = 5_000, private readonly log: (msg: string) => void = () => {}) {
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
      const column = (pick: (b: (typeof batch)[number]) => number | string) => sql.param(batch.map(pick));
      await named(this.db, 'post-views-flush', sql`
        INSERT INTO post_views_daily (post_id, day, community_id, views)
        SELECT * FROM unnest(${column((b) => b.postId)}::bigint[], ${column((b) => b.day)}::date[], ${column((b) => b.communityId)}::bigint[], ${column((b) => b.views)}::int[])
        ON CONFLICT (post_id, day) DO UPDATE SET views = post_views_daily.views + EXCLUDED.views`);
    } catch (err) {
      this.log(`lectures non comptées (${batch.length} publications) : ${(err as Error).message}`);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
