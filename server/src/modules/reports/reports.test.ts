import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { json, useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { docxXml } from './reports.fixtures.js';

describe('review meetings and activity reports', async () => {
  const { app } = await useTestApp();

  async function scene() {
    const c = await createCommunity(app);
    const coordinator = await memberOf(app, c.id, 'coordinator');
    const animator = await memberOf(app, c.id, 'animator');
    const member = await memberOf(app, c.id, 'member');
    const elsewhere = await createCommunity(app);
    const otherAnimator = await memberOf(app, elsewhere.id, 'animator');
    const otherCoordinator = await memberOf(app, elsewhere.id, 'coordinator');
    return { c, coordinator, animator, member, otherAnimator, otherCoordinator };
  }
  type Scene = Awaited<ReturnType<typeof scene>>;
  const meetingBody = (s: Scene, over: Record<string, unknown> = {}) => ({
    scheduledAt: new Date(Date.now() - 3600_000).toISOString(), fromMonth: '2025-01', toMonth: '2025-03',
    agenda: 'Bilan du trimestre, ligne éditoriale', participantIds: [s.animator.user.id, s.coordinator.user.id], ...over,
  });
  const schedule = (s: Scene, headers: Record<string, string> | undefined, payload: unknown) =>
    app.inject({ method: 'POST', url: `/api/communities/${s.c.slug}/meetings`, headers, payload: payload as object });

  it('runs a meeting: schedule, report, submit once, comment, minutes, exports', async () => {
    const s = await scene();
    const res = await schedule(s, s.coordinator.headers, meetingBody(s));
    expect(res.statusCode).toBe(201);
    const meeting = json(res);
    expect(meeting).toMatchObject({ fromMonth: '2025-01', toMonth: '2025-03', hasMinutes: false, reports: [], can: { edit: true, recordMinutes: true } });
    expect(meeting.participants.map((p: { id: number }) => p.id).sort()).toEqual([s.animator.user.id, s.coordinator.user.id].sort());

    const created = await app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/reports`, headers: s.animator.headers });
    expect(created.statusCode).toBe(201);
    const report = json(created);
    expect(report).toMatchObject({ status: 'draft', author: { id: s.animator.user.id }, can: { edit: true, submit: true, comment: false } });
    expect(report.figures.period).toEqual({ fromMonth: '2025-01', toMonth: '2025-03', from: '2025-01-01', to: '2025-03-31' });
    expect((await app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/reports`, headers: s.animator.headers })).statusCode).toBe(409);

    const edit = await app.inject({
      method: 'PATCH', url: `/api/reports/${report.id}`, headers: s.animator.headers,
      payload: { highlights: 'Webinaire « Quartiers » très suivi', difficulties: 'Peu de réponses en été' },
    });
    expect(edit.statusCode).toBe(200);
    expect(json(edit)).toMatchObject({ highlights: 'Webinaire « Quartiers » très suivi', difficulties: 'Peu de réponses en été', proposals: '' });

    // Comment before submission: refused.
    const early = await app.inject({ method: 'PUT', url: `/api/reports/${report.id}/comment`, headers: s.coordinator.headers, payload: { comment: 'Merci' } });
    expect(json(early).code).toBe('REPORT_NOT_SUBMITTED');

    const submit = await app.inject({ method: 'POST', url: `/api/reports/${report.id}/submit`, headers: s.animator.headers });
    expect(submit.statusCode).toBe(200);
    expect(json(submit)).toMatchObject({ status: 'submitted', can: { edit: false, submit: false } });
    const again = await app.inject({ method: 'POST', url: `/api/reports/${report.id}/submit`, headers: s.animator.headers });
    expect(again.statusCode).toBe(409);
    expect(json(again)).toMatchObject({ code: 'REPORT_ALREADY_SUBMITTED', message: expect.stringContaining('déjà été transmis') });
    const late = await app.inject({ method: 'PATCH', url: `/api/reports/${report.id}`, headers: s.animator.headers, payload: { highlights: 'x' } });
    expect(json(late).code).toBe('REPORT_ALREADY_SUBMITTED');

    const comment = await app.inject({ method: 'PUT', url: `/api/reports/${report.id}/comment`, headers: s.coordinator.headers, payload: { comment: 'Très bon trimestre.' } });
    expect(comment.statusCode).toBe(200);
    expect(json(comment).comment).toMatchObject({ text: 'Très bon trimestre.', by: { id: s.coordinator.user.id } });
    expect((await app.inject({ method: 'PUT', url: `/api/reports/${report.id}/comment`, headers: s.animator.headers, payload: { comment: 'moi' } })).statusCode).toBe(403);

    const minutes = await app.inject({
      method: 'PUT', url: `/api/meetings/${meeting.id}/minutes`, headers: s.coordinator.headers,
      payload: { minutes: 'Tour de table des animateur·rices.', decisions: 'Un dossier « rénovation urbaine » au prochain trimestre.' },
    });
    expect(minutes.statusCode).toBe(200);
    expect(json(minutes)).toMatchObject({ hasMinutes: true, minutesBy: { id: s.coordinator.user.id }, decisions: expect.stringContaining('rénovation') });
    const seen = json(await app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}`, headers: s.coordinator.headers }));
    expect(seen.reports).toEqual([expect.objectContaining({ id: report.id, status: 'submitted', commented: true })]);

    const pdf = await app.inject({ method: 'GET', url: `/api/reports/${report.id}/export?format=pdf`, headers: s.animator.headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['content-disposition']).toContain(`rapport-activite-${s.c.slug}-2025-01-2025-03`);
    const docx = await app.inject({ method: 'GET', url: `/api/reports/${report.id}/export?format=docx`, headers: s.coordinator.headers });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xml = docxXml(docx.rawPayload);
    for (const text of [`Rapport d’activité — ${s.c.name}`, 'Faits marquants', 'Webinaire « Quartiers » très suivi', 'Questions posées', 'Commentaire de la coordination', 'Très bon trimestre.']) {
      expect(xml).toContain(text.replace(/"/g, '&quot;'));
    }
    expect((await app.inject({ method: 'GET', url: `/api/reports/${report.id}/export?format=odt`, headers: s.animator.headers })).statusCode).toBe(400);
  });

  it('keeps meetings and reports to the community’s team', async () => {
    const s = await scene();
    const meeting = json(await schedule(s, s.coordinator.headers, meetingBody(s)));
    const report = json(await app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/reports`, headers: s.animator.headers }));
    const second = await memberOf(app, s.c.id, 'animator');
    for (const who of [s.otherAnimator, s.otherCoordinator, s.member, second]) {
      expect((await app.inject({ method: 'GET', url: `/api/reports/${report.id}`, headers: who.headers })).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: `/api/reports/${report.id}/export?format=csv`, headers: who.headers })).statusCode).toBe(403);
    }
    for (const who of [s.otherAnimator, s.member]) {
      expect((await app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}`, headers: who.headers })).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/reports`, headers: who.headers })).statusCode).toBe(403);
    }
    // Another animator of the same community sees the meeting but only their own report in it.
    const asSecond = json(await app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}`, headers: second.headers }));
    expect(asSecond).toMatchObject({ reports: [], myReportId: null, can: { edit: false, writeReport: true } });
    expect((await schedule(s, s.animator.headers, meetingBody(s))).statusCode).toBe(403);
    expect((await schedule(s, s.otherCoordinator.headers, meetingBody(s))).statusCode).toBe(403);
    expect((await schedule(s, undefined, meetingBody(s))).statusCode).toBe(401);
    expect((await app.inject({ method: 'PATCH', url: `/api/reports/${report.id}`, headers: s.coordinator.headers, payload: { highlights: 'x' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/reports/${report.id}/submit`, headers: s.coordinator.headers })).statusCode).toBe(403);
    const admin = await signIn(app, { nationalRole: 'admin' });
    expect((await app.inject({ method: 'GET', url: `/api/reports/${report.id}`, headers: admin.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/reports/999999999', headers: admin.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/meetings/999999999', headers: admin.headers })).statusCode).toBe(404);
  });

  it('refuses bad meetings and records minutes only after the meeting', async () => {
    const s = await scene();
    const bad = async (over: Record<string, unknown>, code?: string) => {
      const res = await schedule(s, s.coordinator.headers, meetingBody(s, over));
      expect(res.statusCode).toBe(400);
      if (code) expect(json(res).code).toBe(code);
    };
    await bad({ fromMonth: '2025-04', toMonth: '2025-03' }, 'INVALID_PERIOD');
    await bad({ fromMonth: '2024-01', toMonth: '2025-03' }, 'INVALID_PERIOD');
    await bad({ participantIds: [s.member.user.id] }, 'PARTICIPANT_NOT_STAFF');
    await bad({ participantIds: [s.otherAnimator.user.id] }, 'PARTICIPANT_NOT_STAFF');
    await bad({ agenda: '' });
    await bad({ scheduledAt: 'demain' });
    await bad({ fromMonth: '2025-13' });
    await bad({ extra: true });
    const future = json(await schedule(s, s.coordinator.headers, meetingBody(s, { scheduledAt: new Date(Date.now() + 86_400_000).toISOString() })));
    expect(future.can).toMatchObject({ recordMinutes: true, finalizeMinutes: false });
    const early = await app.inject({ method: 'PUT', url: `/api/meetings/${future.id}/minutes`, headers: s.coordinator.headers, payload: { minutes: 'x', decisions: 'y' } });
    expect(early.statusCode).toBe(409);
    expect(json(early).code).toBe('MEETING_NOT_HELD');
    const moved = await app.inject({
      method: 'PUT', url: `/api/meetings/${future.id}`, headers: s.coordinator.headers,
      payload: meetingBody(s, { agenda: 'Ordre du jour révisé', participantIds: [s.animator.user.id] }),
    });
    expect(json(moved)).toMatchObject({ agenda: 'Ordre du jour révisé', participants: [{ id: s.animator.user.id }] });
  });

  it('lets the coordination review a draft before the meeting, section by section', async () => {
    const s = await scene();
    const future = json(await schedule(s, s.coordinator.headers, meetingBody(s, { scheduledAt: new Date(Date.now() + 86_400_000).toISOString() })));
    const report = json(await app.inject({ method: 'POST', url: `/api/meetings/${future.id}/reports`, headers: s.animator.headers }));
    expect(report).toMatchObject({ review: null, can: { review: false } });
    await app.inject({ method: 'PATCH', url: `/api/reports/${report.id}`, headers: s.animator.headers, payload: { highlights: 'Un webinaire' } });
    const asCoordinator = json(await app.inject({ method: 'GET', url: `/api/reports/${report.id}`, headers: s.coordinator.headers }));
    expect(asCoordinator.can).toMatchObject({ review: true, comment: false });

    const review = (headers: Record<string, string> | undefined, payload: unknown) =>
      app.inject({ method: 'PUT', url: `/api/reports/${report.id}/review`, headers, payload: payload as object });
    const body = { status: 'to_revise', notes: { highlights: 'Précisez le nombre de participant·es.', difficulties: '  ' } };
    const res = await review(s.coordinator.headers, body);
    expect(res.statusCode).toBe(200);
    expect(json(res).review).toMatchObject({ status: 'to_revise', notes: { highlights: 'Précisez le nombre de participant·es.' }, by: { id: s.coordinator.user.id } });
    expect(json(res).review.notes).not.toHaveProperty('difficulties');

    // The author reads the review on their draft; the meeting's list shows its status to the coordination.
    const asAuthor = json(await app.inject({ method: 'GET', url: `/api/reports/${report.id}`, headers: s.animator.headers }));
    expect(asAuthor).toMatchObject({ status: 'draft', review: { status: 'to_revise', notes: { highlights: expect.stringContaining('participant') } }, can: { edit: true, review: false } });
    const meeting = json(await app.inject({ method: 'GET', url: `/api/meetings/${future.id}`, headers: s.coordinator.headers }));
    expect(meeting.reports).toEqual([expect.objectContaining({ id: report.id, reviewStatus: 'to_revise' })]);

    // Only the community's coordination and the national team review; bad bodies are refused.
    const admin = await signIn(app, { nationalRole: 'admin' });
    expect((await review(admin.headers, { status: 'ready', notes: {} })).statusCode).toBe(200);
    for (const who of [s.animator, s.member, s.otherCoordinator]) expect((await review(who.headers, body)).statusCode).toBe(403);
    expect((await review(undefined, body)).statusCode).toBe(401);
    for (const bad of [{ status: 'ok', notes: {} }, { status: 'ready', notes: { other: 'x' } }, { status: 'ready' }]) {
      expect((await review(s.coordinator.headers, bad)).statusCode).toBe(400);
    }

    // Once submitted, the draft review is closed (the report then takes a comment).
    await app.inject({ method: 'POST', url: `/api/reports/${report.id}/submit`, headers: s.animator.headers });
    const closed = await review(s.coordinator.headers, body);
    expect(closed.statusCode).toBe(409);
    expect(json(closed)).toMatchObject({ code: 'REPORT_REVIEW_CLOSED', message: expect.stringContaining('transmis') });
    expect(json(await app.inject({ method: 'GET', url: `/api/reports/${report.id}`, headers: s.animator.headers })).review.status).toBe('ready');
  });

  it('prepares minutes as a draft before the meeting and finalises them after', async () => {
    const s = await scene();
    const future = json(await schedule(s, s.coordinator.headers, meetingBody(s, { scheduledAt: new Date(Date.now() + 86_400_000).toISOString() })));
    const put = (id: number, headers: Record<string, string>, payload: object) => app.inject({ method: 'PUT', url: `/api/meetings/${id}/minutes`, headers, payload });
    const draft = await put(future.id, s.coordinator.headers, { minutes: 'Points à aborder : bilan.', decisions: '', final: false });
    expect(draft.statusCode).toBe(200);
    expect(json(draft)).toMatchObject({ hasMinutes: false, minutesDraft: true, minutes: 'Points à aborder : bilan.', can: { recordMinutes: true, finalizeMinutes: false } });
    // The animators read the minutes once finalised, not the coordination's draft.
    const asAnimator = json(await app.inject({ method: 'GET', url: `/api/meetings/${future.id}`, headers: s.animator.headers }));
    expect(asAnimator).toMatchObject({ minutes: null, decisions: null, minutesAt: null, minutesDraft: false, can: { recordMinutes: false } });
    const early = await put(future.id, s.coordinator.headers, { minutes: 'x', decisions: 'y', final: true });
    expect(json(early)).toMatchObject({ code: 'MEETING_NOT_HELD', message: expect.stringContaining('brouillon') });
    expect((await put(future.id, s.animator.headers, { minutes: 'x', decisions: 'y', final: false })).statusCode).toBe(403);

    // The meeting takes place: the prepared draft is finalised and everyone on the team reads it.
    await app.pool.query('UPDATE review_meetings SET scheduled_at = now() - interval \'1 hour\' WHERE id = $1', [future.id]);
    const final = await put(future.id, s.coordinator.headers, { minutes: 'Bilan fait.', decisions: 'Un dossier.', final: true });
    expect(json(final)).toMatchObject({ hasMinutes: true, minutesDraft: false });
    expect(json(await app.inject({ method: 'GET', url: `/api/meetings/${future.id}`, headers: s.animator.headers }))).toMatchObject({ minutes: 'Bilan fait.', decisions: 'Un dossier.' });
  });

  it('accepts exactly one of two simultaneous submissions', async () => {
    const s = await scene();
    const meeting = json(await schedule(s, s.coordinator.headers, meetingBody(s)));
    const report = json(await app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/reports`, headers: s.animator.headers }));
    const both = await Promise.all([0, 1].map(() => app.inject({ method: 'POST', url: `/api/reports/${report.id}/submit`, headers: s.animator.headers })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const { rows } = await app.pool.query<{ submitted: boolean }>('SELECT submitted_at IS NOT NULL AS submitted FROM activity_reports WHERE id = $1', [report.id]);
    expect(rows[0]!.submitted).toBe(true);
  });

  it('lists meetings newest first, page by page', async () => {
    const s = await scene();
    for (const day of ['2025-01-10', '2025-04-10', '2025-07-10']) {
      expect((await schedule(s, s.coordinator.headers, meetingBody(s, { scheduledAt: `${day}T08:00:00Z` }))).statusCode).toBe(201);
    }
    const url = `/api/communities/${s.c.slug}/meetings?limit=2`;
    const first = json(await app.inject({ method: 'GET', url, headers: s.animator.headers }));
    expect(first.items.map((m: { scheduledAt: string }) => m.scheduledAt.slice(0, 10))).toEqual(['2025-07-10', '2025-04-10']);
    const next = json(await app.inject({ method: 'GET', url: `${url}&cursor=${first.nextCursor}`, headers: s.animator.headers }));
    expect(next).toMatchObject({ items: [{ scheduledAt: '2025-01-10T08:00:00.000Z' }], nextCursor: null });
    expect((await app.inject({ method: 'GET', url, headers: s.member.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `${url}&cursor=zzz`, headers: s.animator.headers })).statusCode).toBe(400);
  });
});
