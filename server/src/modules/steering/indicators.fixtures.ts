import { createCommunity } from '../../../test/community-factories.js';
import type { App } from '../../types.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { insertPost } from './steering.fixtures.js';
import { parisMonthNow } from '../../../../common/time/index.js';

/**
 * One data set for checking that every page and export gives one value per indicator: a community of this
 * Paris month with an animator, a coordinator, a coordinator who also holds an animation mission, and four
 * questions (answered in time, overdue, answered late, open with time left).
 */
export async function indicatorScene(app: App) {
  const c = await createCommunity(app);
  const animator = await memberOf(app, c.id, 'animator');
  const coordinator = await memberOf(app, c.id, 'coordinator');
  // A coordinator who also holds an animation mission: counted once, as an animator.
  const both = await memberOf(app, c.id, 'coordinator');
  await app.pool.query(
    `INSERT INTO animator_assignments (user_id, community_id, starts_on, scale_code, hourly_rate_cents) VALUES ($1, $2, '2024-01-01', '4T1', 3880)`,
    [both.user.id, c.id],
  );
  const member = await memberOf(app, c.id, 'member');
  const admin = await signIn(app, { nationalRole: 'admin' });
  const month = parisMonthNow();
  const now = Date.now();
  const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();

  // Contributions this month: the animator 2, the coordinator 1 (no target), the coordinator-animator 1.
  await insertPost(app, c.id, animator.user.id, 'veille', at(-5));
  await insertPost(app, c.id, animator.user.id, 'veille', at(-4));
  await insertPost(app, c.id, coordinator.user.id, 'article', at(-3));
  await insertPost(app, c.id, both.user.id, 'veille', at(-2));

  // Questions asked this month: answered in time, overdue, answered late, open with time left.
  const q = await Promise.all([0, 1, 2, 3].map((i) => insertPost(app, c.id, member.user.id, 'question', at(-10 - i))));
  await app.pool.query(
    `INSERT INTO questions (post_id, community_id, asker_id, asked_at, deadline_at, answered_at, answered_by, answered_by_staff) VALUES
       ($1, $5, $6, $8, $9, $10, $7, true),
       ($2, $5, $6, $8, $11, NULL, NULL, false),
       ($3, $5, $6, $8, $12, $10, $7, true),
       ($4, $5, $6, $8, $9, NULL, NULL, false)`,
    [q[0], q[1], q[2], q[3], c.id, member.user.id, animator.user.id, at(-10), at(3 * 1440), at(-1), at(-1), at(-5)],
  );
  const expected = { within: 1, decided: 3, share: 1 / 3 };
  return { c, animator, coordinator, both, member, admin, month, at, expected };
}
