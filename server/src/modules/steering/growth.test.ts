import { describe, expect, it } from 'vitest';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import { createUser } from '../../../test/factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { memberGrowth } from './dashboard.js';
import { PARIS_SQL } from '../../../../common/time/index.js';

describe('member growth', async () => {
  const { app } = await useTestApp();

  it('equals a direct count of memberships at the end of each month, joins after the window included', async () => {
    const c = await createCommunity(app);
    // Before the window, inside it (a Paris month boundary: 23:30 UTC on 31 March is 1 April), and after it.
    const joins = ['2024-01-15T10:00:00Z', '2025-01-10T10:00:00Z', '2025-03-31T23:30:00Z', '2025-04-02T10:00:00Z', '2025-06-30T10:00:00Z', '2025-09-01T10:00:00Z'];
    for (const at of joins) {
      const { user } = await createUser(app);
      await addMember(app, c.id, user.id);
      await app.pool.query('UPDATE memberships SET joined_at = $3 WHERE community_id = $1 AND user_id = $2', [c.id, user.id, at]);
    }
    const months = await memberGrowth(app.db, c.id, '2025-06');
    expect(months.map((m) => m.month)).toEqual(['2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
    for (const m of months) {
      const [y, mo] = m.month.split('-').map(Number) as [number, number];
      const next = new Date(Date.UTC(y, mo, 1)).toISOString().slice(0, 10);
      const { rows } = await app.pool.query<{ total: number; joined: number }>(
        `SELECT count(*) FILTER (WHERE joined_at < ($2::date::timestamp AT TIME ZONE ${PARIS_SQL}))::int AS total,
                count(*) FILTER (WHERE joined_at >= ($3::date::timestamp AT TIME ZONE ${PARIS_SQL}) AND joined_at < ($2::date::timestamp AT TIME ZONE ${PARIS_SQL}))::int AS joined
           FROM memberships WHERE community_id = $1`,
        [c.id, next, `${m.month}-01`],
      );
      expect(m).toEqual({ month: m.month, ...rows[0] });
    }
    expect(months.at(-1)).toEqual({ month: '2025-06', joined: 1, total: 5 });
    expect(months.find((m) => m.month === '2025-04')).toEqual({ month: '2025-04', joined: 2, total: 4 });
  });
});
