import { describe, expect, it } from 'vitest';
import { json, useTestApp } from '../../../test/helpers.js';
import { indicatorScene } from './indicators.fixtures.js';
import { parseFrenchCsv } from '../../../test/french-csv.js';

/**
 * One data set, every page and export that shows an indicator: the animator and coordination dashboards,
 * the questions figures, the national dashboard, the activity report and its CSV must all give one value.
 */
describe('indicators: one definition, one value everywhere', async () => {
  const { app } = await useTestApp();
  const get = async (url: string, headers: Record<string, string>) => {
    const res = await app.inject({ method: 'GET', url: `/api${url}`, headers });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res;
  };

  it('questions answered in time and the team’s contributions against its target agree on every page', async () => {
    const { c, animator, coordinator, both, admin, month, at, expected } = await indicatorScene(app);

    // Coordination dashboard.
    const coordination = json(await get(`/communities/${c.slug}/steering/coordinator?month=${month}`, coordinator.headers));
    expect(coordination.questions).toMatchObject({ answeredWithinDeadline: expected.within, decided: expected.decided });
    expect(coordination.questions.shareWithinDeadline).toBeCloseTo(expected.share, 10);
    const byId = new Map(coordination.animators.map((a: { userId: number }) => [a.userId, a]));
    expect(byId.get(coordinator.user.id)).toMatchObject({ role: 'coordinator', contributions: { total: 1, target: null, met: null } });
    expect(byId.get(both.user.id)).toMatchObject({ role: 'animator', contributions: { total: 1, target: 20 } });
    expect(byId.get(animator.user.id)).toMatchObject({ role: 'animator', contributions: { total: 2, target: 20 } });

    // Questions figures of the month.
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
    const stats = json(await get(`/communities/${c.slug}/questions/stats?from=${month}-01&to=${last}`, coordinator.headers));
    expect(stats).toMatchObject({ answeredWithinDeadline: expected.within, decided: expected.decided });

    // Animator dashboard, team view: the coordinator carries no target; the team's target is 2 × 20.
    const team = json(await get(`/communities/${c.slug}/steering/animator?month=${month}`, coordinator.headers));
    expect(team.target).toBeNull();
    const carriers = team.team.filter((t: { target: number | null }) => t.target !== null);
    expect(carriers.map((t: { userId: number }) => t.userId).sort()).toEqual([animator.user.id, both.user.id].sort());
    const teamTarget = carriers.reduce((s: number, t: { target: number }) => s + t.target, 0);
    const teamDone = carriers.reduce((s: number, t: { total: number }) => s + t.total, 0);
    expect([teamDone, teamTarget]).toEqual([3, 40]);
    expect(json(await get(`/communities/${c.slug}/steering/animator?month=${month}`, animator.headers)).target).toBe(20);

    // National dashboard (rollups): the same figures.
    expect((await app.inject({ method: 'POST', url: '/api/national/dashboard/refresh', headers: admin.headers })).statusCode).toBe(200);
    const national = json(await get('/national/dashboard', admin.headers)).communities.find((r: { id: number }) => r.id === c.id);
    expect(national).toMatchObject({
      questionsInTime: expected.within, questionsDue: expected.decided,
      contributionsMonth: teamDone, contributionsTarget: teamTarget, staffCount: 2,
    });

    // Activity report over the month and its CSV export.
    const meeting = await app.inject({
      method: 'POST', url: `/api/communities/${c.slug}/meetings`, headers: coordinator.headers,
      payload: { scheduledAt: at(60 * 24 * 10), fromMonth: month, toMonth: month, agenda: 'Bilan', participantIds: [animator.user.id] },
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const report = await app.inject({ method: 'POST', url: `/api/meetings/${json(meeting).id}/reports`, headers: animator.headers });
    expect(report.statusCode, report.body).toBe(201);
    const figures = json(report).figures;
    expect(figures.questions).toMatchObject({ answeredWithinDeadline: expected.within, decided: expected.decided });
    expect(figures.questions.shareWithinDeadline).toBeCloseTo(expected.share, 10);
    const csv = await get(`/reports/${json(report).id}/export?format=csv`, coordinator.headers);
    const rows = new Map(parseFrenchCsv(csv.rawPayload).map((r) => [r[1], r[2]] as const));
    expect(rows.get('Questions répondues dans le délai')).toBe(expected.within);
    expect(rows.get('Questions dont l’issue est connue')).toBe(expected.decided);
    expect(rows.get('Part répondue dans le délai')).toBe(Math.round(expected.share * 1000) / 10);
  });
});
