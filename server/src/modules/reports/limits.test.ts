import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { json, useTestApp } from '../../../test/helpers.js';
import { memberOf } from '../posts/posts.fixtures.js';

describe('report export limit', async () => {
  // 120 exports an hour, scaled down so the test reaches the limit quickly: 6.
  const { app } = await useTestApp({ rateLimitFactor: 0.05 });

  it('refuses exports past the hourly limit with 429', async () => {
    const c = await createCommunity(app);
    const coordinator = await memberOf(app, c.id, 'coordinator');
    const animator = await memberOf(app, c.id, 'animator');
    const meeting = json(await app.inject({
      method: 'POST', url: `/api/communities/${c.slug}/meetings`, headers: coordinator.headers,
      payload: { scheduledAt: '2025-04-08T08:00:00Z', fromMonth: '2025-01', toMonth: '2025-03', agenda: 'Bilan', participantIds: [] },
    }));
    const report = json(await app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/reports`, headers: animator.headers }));
    const codes: number[] = [];
    for (let i = 0; i < 7; i += 1) codes.push((await app.inject({ method: 'GET', url: `/api/reports/${report.id}/export?format=csv`, headers: animator.headers })).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });
});
