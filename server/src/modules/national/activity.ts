import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { named } from '../../lib/named-query.js';
import { parisToday } from '../../../../common/time/index.js';


/**
 * Daily and monthly active members: which members were active in which community on which Paris day.
 * Kept in memory and written in batches (like the post view counter), and each (community, day, member)
 * is sent at most once per process per day, so an active member costs one row a day and one insert a
 * flush, not a write per request. No IP address, page or time of day is recorded.
 */
export class ActivityRecorder {
  private pending = new Map<string, { communityId: number; day: string; userId: number }>();
  /** Keys already written today by this process; cleared when the Paris day changes. */
  private seen = new Set<string>();
  private seenDay = '';
  private timer: NodeJS.Timeout;

  constructor(private readonly db: Db, intervalMs = 5_000, private readonly log: (msg: string) => void = () => {}) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  record(userId: number, communityId: number, now = new Date()): void {
    const day = parisToday(now);
    if (day !== this.seenDay) {
      this.seen = new Set();
      this.seenDay = day;
    }
    const key = `${communityId}|${day}|${userId}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.pending.set(key, { communityId, day, userId });
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    try {
      await named(this.db, 'member-activity-flush', sql`
        INSERT INTO member_activity_daily (community_id, day, user_id)
        SELECT * FROM unnest(${sql.param(batch.map((b) => b.communityId))}::bigint[], ${sql.param(batch.map((b) => b.day))}::date[],
                             ${sql.param(batch.map((b) => b.userId))}::bigint[])
        ON CONFLICT DO NOTHING`);
    } catch (err) {
      // Forgotten so the next read records it again rather than never.
      for (const b of batch) this.seen.delete(`${b.communityId}|${b.day}|${b.userId}`);
      this.log(`activité non enregistrée (${batch.length} lignes) : ${(err as Error).message}`);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
