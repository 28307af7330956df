import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { parseFrenchCsv } from '../../../test/french-csv.js';
import { json, useTestApp } from '../../../test/helpers.js';
import { memberOf } from '../posts/posts.fixtures.js';
import { insertComment, insertEvent, insertPoll, insertPost } from '../steering/steering.fixtures.js';
import { PARIS_SQL } from '../../../../common/time/index.js';

/**
 * The figures of an activity report for Q2 2025 (Paris), checked two ways: against what the scene
 * was built to contain, and against the test's own SQL over the same tables.
 */
describe('activity report figures', async () => {
  const { app } = await useTestApp();
  const q = async <T extends Record<string, unknown>>(text: string, values: unknown[]) => (await app.pool.query<T>(text, values)).rows;

  async function scene() {
    const c = await createCommunity(app);
    const coordinator = await memberOf(app, c.id, 'coordinator');
    const animator = await memberOf(app, c.id, 'animator');
    const members = await Promise.all([0, 1, 2, 3].map(() => memberOf(app, c.id, 'member')));
    // Joined: staff and one member before the period, two members inside it, one after.
    const joined = ['2025-01-10T10:00:00Z', '2025-01-10T10:00:00Z', '2025-02-01T10:00:00Z', '2025-03-31T22:30:00Z', '2025-06-12T09:00:00Z', '2025-07-02T09:00:00Z'];
    const people = [coordinator, animator, ...members];
    for (const [i, p] of people.entries()) await app.pool.query('UPDATE memberships SET joined_at = $3 WHERE community_id = $1 AND user_id = $2', [c.id, p.user.id, joined[i]]);
    const [m1, m2, m3] = members;
    // Activity: m1 twice (counted once), m2 on the last Paris day, m3 the day after the period.
    for (const [user, day] of [[m1!, '2025-04-03'], [m1!, '2025-05-03'], [m2!, '2025-06-30'], [m3!, '2025-07-01'], [animator, '2025-05-10']] as const) {
      await app.pool.query('INSERT INTO member_activity_daily (community_id, day, user_id) VALUES ($1, $2, $3)', [c.id, day, user.user.id]);
    }
    const a = animator.user.id;
    // 2025-03-31T22:30Z is 1 April 00:30 in Paris (inside); 2025-06-30T22:30Z is 1 July 00:30 (outside).
    await insertPost(app, c.id, a, 'veille', '2025-03-31T22:30:00Z');
    await insertPost(app, c.id, a, 'article', '2025-05-20T10:00:00Z');
    // A « ressource CNFPT » (LID issue) on the last Paris evening of the period: counted for the animator.
    const lid = await insertPost(app, c.id, a, 'ressource', '2025-06-30T21:30:00Z');
    await app.pool.query(`UPDATE posts SET cnfpt_type = 'lid', link_url = 'https://www.cnfpt.fr/lid' WHERE id = $1`, [lid]);
    await insertPost(app, c.id, a, 'article', '2025-06-30T22:30:00Z');
    await insertPost(app, c.id, a, 'article', '2025-05-21T10:00:00Z', { deleted: true });
    const read = await insertPost(app, c.id, coordinator.user.id, 'article', '2025-04-20T10:00:00Z');
    await app.pool.query('INSERT INTO post_views_daily (post_id, day, community_id, views) VALUES ($1, $2, $3, 7), ($1, $4, $3, 5)', [read, '2025-05-21', c.id, '2025-07-01']);
    // Two questions: one answered within its deadline by the animator, one late.
    const q1 = await insertPost(app, c.id, m1!.user.id, 'question', '2025-05-01T08:00:00Z');
    const q2 = await insertPost(app, c.id, m2!.user.id, 'question', '2025-06-10T08:00:00Z');
    await insertComment(app, q1, a, '2025-05-02T08:00:00Z');
    await app.pool.query(
      `INSERT INTO questions (post_id, community_id, asker_id, asked_at, deadline_at, answered_at, answered_by, answered_by_staff)
       VALUES ($1, $2, $3, '2025-05-01T08:00:00Z', '2025-05-04T08:00:00Z', '2025-05-02T08:00:00Z', $4, true),
              ($5, $2, $6, '2025-06-10T08:00:00Z', '2025-06-13T08:00:00Z', '2025-06-20T08:00:00Z', $4, true)`,
      [q1, c.id, m1!.user.id, a, q2, m2!.user.id],
    );
    // A flag received 5 May, handled 6 hours later; another received after the period.
    const [reason] = await q<{ code: string }>('SELECT code FROM flag_reasons ORDER BY code LIMIT 1', []);
    await app.pool.query(
      `INSERT INTO flags (community_id, post_id, reporter_id, reason_code, created_at, status, handled_by, handled_at)
       VALUES ($1, $2, $3, $4, '2025-05-05T08:00:00Z', 'handled', $5, '2025-05-05T14:00:00Z'),
              ($1, $6, $3, $4, '2025-07-05T08:00:00Z', 'pending', NULL, NULL)`,
      [c.id, q1, m3!.user.id, reason!.code, a, q2],
    );
    // An event added in April for 25 April (held) and a poll launched in May with one vote.
    const ev = await insertPost(app, c.id, a, 'evenement', '2025-04-15T10:00:00Z');
    await insertEvent(app, c.id, ev, '2025-04-15T10:00:00Z', '2025-04-15T10:00:00Z');
    const poll = await insertPost(app, c.id, a, 'sondage', '2025-05-03T10:00:00Z');
    await insertPoll(app, c.id, poll, '2025-05-03T10:00:00Z');
    await app.pool.query('INSERT INTO poll_votes (poll_id, user_id) VALUES ($1, $2)', [poll, m1!.user.id]);
    return { c, coordinator, animator, members };
  }

  async function reportFor(s: Awaited<ReturnType<typeof scene>>) {
    const meeting = await app.inject({
      method: 'POST', url: `/api/communities/${s.c.slug}/meetings`, headers: s.coordinator.headers,
      payload: { scheduledAt: '2025-07-08T08:00:00Z', fromMonth: '2025-04', toMonth: '2025-06', agenda: 'Bilan du trimestre', participantIds: [s.animator.user.id] },
    });
    expect(meeting.statusCode).toBe(201);
    const created = await app.inject({ method: 'POST', url: `/api/meetings/${json(meeting).id}/reports`, headers: s.animator.headers });
    expect(created.statusCode).toBe(201);
    return json(created);
  }

  it('fills the figures from the data, exactly', async () => {
    const s = await scene();
    const report = await reportFor(s);
    const f = report.figures;
    const args = [s.c.id, '2025-04-01', '2025-06-30'];
    const LO = `($2::date::timestamp AT TIME ZONE ${PARIS_SQL})`;
    const HI = `(($3::date + 1)::timestamp AT TIME ZONE ${PARIS_SQL})`;

    // Members: the test's own counts over memberships and member_activity_daily.
    const [m] = await q<{ start: number; end: number; joined: number; active: number }>(
      `SELECT (SELECT count(*) FROM memberships WHERE community_id = $1 AND joined_at < ${LO})::int AS start,
              (SELECT count(*) FROM memberships WHERE community_id = $1 AND joined_at < ${HI})::int AS end,
              (SELECT count(*) FROM memberships WHERE community_id = $1 AND joined_at >= ${LO} AND joined_at < ${HI})::int AS joined,
              (SELECT count(DISTINCT user_id) FROM member_activity_daily WHERE community_id = $1 AND day >= $2::date AND day <= $3::date)::int AS active`,
      args,
    );
    expect(f.members).toEqual({ atStart: m!.start, atEnd: m!.end, joined: m!.joined, growthRate: m!.joined / m!.start, active: m!.active });
    expect(f.members).toEqual({ atStart: 3, atEnd: 5, joined: 2, growthRate: 2 / 3, active: 3 });
    expect(f.monthly.map((x: { month: string }) => x.month)).toEqual(['2025-04', '2025-05', '2025-06']);
    expect(f.monthly.map((x: { joined: number }) => x.joined)).toEqual([1, 0, 1]);

    // Contributions of the animator: veille (1 April Paris) + event; article; ressource + answer; poll.
    const fam = Object.fromEntries(f.contributions.families.map((x: { code: string; count: number }) => [x.code, x.count]));
    expect(fam).toEqual({ veille: 2, animation: 2, redaction: 2 });
    expect(f.contributions.total).toBe(6);
    expect(f.contributions.target).toBe(60);
    const [posts] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM posts WHERE community_id = $1 AND author_id = $4 AND deleted_at IS NULL
          AND created_at >= ${LO} AND created_at < ${HI} AND kind IN ('veille', 'article', 'ressource', 'evenement', 'sondage')`,
      [...args, s.animator.user.id],
    );
    const [comments] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM comments c JOIN posts p ON p.id = c.post_id
        WHERE p.community_id = $1 AND c.author_id = $4 AND c.created_at >= ${LO} AND c.created_at < ${HI}`,
      [...args, s.animator.user.id],
    );
    expect(f.contributions.total).toBe(posts!.n + comments!.n);
    expect(f.formats.kinds).toEqual(expect.arrayContaining([{ kind: 'veille', count: 1 }, { kind: 'article', count: 1 }, { kind: 'sondage', count: 1 }]));

    // Questions: asked in the period, answered, within the deadline, median of the two delays.
    const [qs] = await q<{ asked: number; answered: number; within: number; median: number }>(
      `SELECT count(*)::int AS asked, count(answered_at)::int AS answered,
              count(*) FILTER (WHERE answered_at <= deadline_at)::int AS within,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - asked_at)) AS median
         FROM questions WHERE community_id = $1 AND asked_at >= ${LO} AND asked_at < ${HI}`,
      args,
    );
    expect(f.questions).toMatchObject({ asked: qs!.asked, answered: qs!.answered, answeredWithinDeadline: qs!.within, medianSeconds: Math.round(Number(qs!.median)) });
    expect(f.questions).toMatchObject({ asked: 2, answered: 2, answeredWithinDeadline: 1, shareWithinDeadline: 0.5, medianSeconds: (86_400 + 10 * 86_400) / 2 });

    // Moderation, agenda, polls, most read.
    expect(f.moderation).toMatchObject({ flagsReceived: 1, flagsHandled: 1, medianHandleSeconds: 6 * 3600 });
    expect(f.agenda).toEqual({ eventsHeld: 1, eventsAdded: 1 });
    expect(f.polls).toEqual({ launched: 1, votes: 1, resultsPublished: 0 });
    expect(f.cnfptResources).toBe(1);
    expect(f.mostRead).toEqual([{ postId: expect.any(Number), title: expect.any(String), value: 7 }]);
  });

  it('freezes the figures when the report is submitted, and the CSV says the same', async () => {
    const s = await scene();
    const report = await reportFor(s);
    const submit = await app.inject({ method: 'POST', url: `/api/reports/${report.id}/submit`, headers: s.animator.headers });
    expect(submit.statusCode).toBe(200);
    expect(json(submit).status).toBe('submitted');
    // New data inside the period after submission: the submitted report does not move.
    await insertPost(app, s.c.id, s.animator.user.id, 'veille', '2025-05-10T10:00:00Z');
    const after = json(await app.inject({ method: 'GET', url: `/api/reports/${report.id}`, headers: s.coordinator.headers }));
    expect(after.figures).toEqual(json(submit).figures);
    expect(after.figures.contributions.total).toBe(6);

    const csv = await app.inject({ method: 'GET', url: `/api/reports/${report.id}/export?format=csv`, headers: s.coordinator.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    // Opened as a French spreadsheet would: numbers are numbers, units are said once, in their own column.
    const sheet = parseFrenchCsv(csv.rawPayload);
    expect(sheet[0]).toEqual(['rubrique', 'indicateur', 'valeur', 'unité']);
    const rows = new Map(sheet.slice(1).map((r) => [r[1], { value: r[2], unit: r[3] }] as const));
    expect(rows.get('Membres en fin de période')).toEqual({ value: 5, unit: 'nombre' });
    expect(rows.get('Membres actifs (lecture ou écriture)')?.value).toBe(3);
    expect(rows.get('Croissance')).toEqual({ value: 66.7, unit: '%' });
    expect(rows.get('Total')?.value).toBe(6);
    expect(rows.get('Questions posées')?.value).toBe(2);
    expect(rows.get('Part répondue dans le délai')).toEqual({ value: 50, unit: '%' });
    // (1 day + 10 days) / 2 = 5.5 days = 132 hours; 6 hours for the flag.
    expect(rows.get('Délai médian de première réponse')).toEqual({ value: 132, unit: 'heures' });
    expect(rows.get('Délai médian de traitement')).toEqual({ value: 6, unit: 'heures' });
    expect(rows.get('Signalements reçus')?.value).toBe(1);
    expect(rows.get('Publications : veilles')?.value).toBe(1);
    expect(rows.get('Veille — Événements ajoutés à l’agenda')?.value).toBe(1);
    expect([...rows.keys()].filter((k) => typeof k === 'string' && /secondes/.test(k))).toEqual([]);
  });
});
