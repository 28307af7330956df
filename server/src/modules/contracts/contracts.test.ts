import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { json, unique, useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { countContributions, FAMILY_OF } from '../steering/families.js';
import { insertComment, insertPost } from '../steering/steering.fixtures.js';
import { parisMonthNow } from '../../../../common/time/index.js';

describe('contracts and hours', async () => {
  const { app } = await useTestApp();
  const admin = await signIn(app, { nationalRole: 'admin' });
  const get = (url: string, headers?: Record<string, string>) => app.inject({ method: 'GET', url: `/api${url}`, headers });
  const send = (method: 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object) =>
    app.inject({ method, url: `/api${url}`, headers, ...(payload ? { payload } : {}) });

  async function scene() {
    const c = await createCommunity(app);
    const animator = await memberOf(app, c.id, 'animator');
    const coordinator = await memberOf(app, c.id, 'coordinator');
    const res = await send('POST', '/contracts/assignments', admin.headers, { userId: animator.user.id, communitySlug: c.slug, startsOn: '2024-01-01' });
    expect(res.statusCode).toBe(201);
    return { c, animator, coordinator, assignment: json(res) };
  }

  it('pays 13 hours at the default scale 4T1 (38.80 EUR) 504.40 EUR; scales are the national admin’s', async () => {
    const { assignment, animator, c } = await scene();
    expect(assignment).toMatchObject({ monthlyHours: 13, scaleCode: '4T1', hourlyRateCents: 3880, monthlyAmountCents: 50440 });
    expect(json(await get('/contracts/scales', animator.headers))).toContainEqual(expect.objectContaining({ code: '4T1', hourlyRateCents: 3880 }));
    expect((await send('PUT', '/contracts/scales/5T2', animator.headers, { label: 'x', hourlyRateCents: 4100 })).statusCode).toBe(403);
    const code = unique('S').slice(0, 12);
    const saved = await send('PUT', `/contracts/scales/${code}`, admin.headers, { label: 'Grille test', hourlyRateCents: 4100 });
    expect(saved.statusCode).toBe(200);
    const other = await memberOf(app, c.id, 'animator');
    const second = await send('POST', '/contracts/assignments', admin.headers, { userId: other.user.id, communitySlug: c.slug, startsOn: '2024-01-01', scaleCode: code, monthlyHours: 10 });
    expect(json(second)).toMatchObject({ hourlyRateCents: 4100, monthlyAmountCents: 41000 });
    // Editing a scale does not rewrite existing assignments.
    await send('PUT', `/contracts/scales/${code}`, admin.headers, { label: 'Grille test', hourlyRateCents: 5000 });
    const mine = json(await get('/contracts/assignments', other.headers));
    expect(mine.items).toEqual([expect.objectContaining({ id: json(second).id, hourlyRateCents: 4100 })]);
    // Only an animator of the community gets an assignment.
    const member = await memberOf(app, c.id, 'member');
    expect((await send('POST', '/contracts/assignments', admin.headers, { userId: member.user.id, communitySlug: c.slug, startsOn: '2024-01-01' })).statusCode).toBe(400);
    expect((await send('POST', '/contracts/assignments', animator.headers, { userId: animator.user.id, communitySlug: c.slug, startsOn: '2024-01-01' })).statusCode).toBe(403);
  });

  it('refuses hours above the mission’s monthly hours unless the national team raised that month’s ceiling, with a reason in the audit log', async () => {
    const { assignment, animator, coordinator } = await scene();
    const path = `/contracts/assignments/${assignment.id}/statements`;
    const above = await send('POST', path, animator.headers, { month: '2024-03', hours: 40 });
    expect(above.statusCode).toBe(400);
    expect(json(above)).toMatchObject({ code: 'HOURS_ABOVE_CEILING', message: expect.stringMatching(/Au plus 13 h ce mois-ci/) });
    // A value that is not a quarter hour says so, in French.
    const odd = await send('POST', path, animator.headers, { month: '2024-03', hours: 12.1 });
    expect(odd.statusCode).toBe(400);
    expect(odd.body).toMatch(/par quarts d’heure/);

    const ceiling = `/contracts/assignments/${assignment.id}/ceilings/2024-03`;
    expect((await send('PUT', ceiling, coordinator.headers, { hours: 40, reason: 'Rencontre régionale' })).statusCode).toBe(403);
    expect((await send('PUT', ceiling, admin.headers, { hours: 40 })).statusCode).toBe(400);
    const raised = await send('PUT', ceiling, admin.headers, { hours: 40, reason: 'Rencontre régionale à préparer' });
    expect(raised.statusCode).toBe(200);
    expect(json(raised)).toEqual({ month: '2024-03', hours: 40, reason: 'Rencontre régionale à préparer' });
    const { rows } = await app.pool.query(
      `SELECT actor_id::int AS actor, target_user_id AS who, message, before, after FROM moderation_audit WHERE action = 'hours_ceiling' AND target_id = $1`,
      [assignment.id],
    );
    expect(rows).toEqual([{
      actor: admin.user.id, who: null, message: 'Rencontre régionale à préparer',
      before: { month: '2024-03', maxMinutes: 780 }, after: { month: '2024-03', maxMinutes: 2400, userId: animator.user.id },
    }]);
    // That month only.
    expect(json(await send('POST', path, animator.headers, { month: '2024-04', hours: 40 })).code).toBe('HOURS_ABOVE_CEILING');
    const declared = await send('POST', path, animator.headers, { month: '2024-03', hours: 40 });
    expect(declared.statusCode).toBe(201);
    expect(json(declared)).toMatchObject({ minutes: 2400, amountCents: 155200 });
  });

  it('takes one declaration a month, validated only by the coordinator of that community, with the month’s contributions', async () => {
    const { c, animator, coordinator, assignment } = await scene();
    const month = parisMonthNow();
    const now = new Date().toISOString();
    const q = await insertPost(app, c.id, (await memberOf(app, c.id)).user.id, 'question', now);
    await insertComment(app, q, animator.user.id, now);
    await insertPost(app, c.id, animator.user.id, 'veille', now);
    await insertPost(app, c.id, animator.user.id, 'article', now);

    expect((await send('POST', `/contracts/assignments/${assignment.id}/statements`, coordinator.headers, { month, hours: 13 })).statusCode).toBe(403);
    const declared = await send('POST', `/contracts/assignments/${assignment.id}/statements`, animator.headers, { month, hours: 13, note: 'RAS' });
    expect(declared.statusCode).toBe(201);
    const s = json(declared);
    expect(s).toMatchObject({ month, minutes: 780, amountCents: 50440, validatedAt: null, can: { validate: false } });
    const twice = await send('POST', `/contracts/assignments/${assignment.id}/statements`, animator.headers, { month, hours: 12 });
    expect(twice.statusCode).toBe(409);
    expect(json(twice).code).toBe('HOURS_ALREADY_DECLARED');
    expect(json(await send('POST', `/contracts/assignments/${assignment.id}/statements`, animator.headers, { month: '2099-01', hours: 1 })).code).toBe('MONTH_IN_FUTURE');
    expect(json(await send('POST', `/contracts/assignments/${assignment.id}/statements`, animator.headers, { month: '2023-12', hours: 1 })).code).toBe('MONTH_OUTSIDE_ASSIGNMENT');
    expect((await send('POST', `/contracts/assignments/${assignment.id}/statements`, animator.headers, { month: '2024-02', hours: 1.1 })).statusCode).toBe(400);

    const elsewhere = await createCommunity(app);
    const otherCoordinator = await memberOf(app, elsewhere.id, 'coordinator');
    const refused = await send('POST', `/contracts/statements/${s.id}/validation`, otherCoordinator.headers);
    expect(refused.statusCode).toBe(403);
    expect((await get(`/contracts/statements/${s.id}`, otherCoordinator.headers)).statusCode).toBe(403);
    expect((await get(`/contracts/statements?community=${c.slug}`, otherCoordinator.headers)).statusCode).toBe(403);
    expect((await send('POST', `/contracts/statements/${s.id}/validation`, animator.headers)).statusCode).toBe(403);

    const validated = await send('POST', `/contracts/statements/${s.id}/validation`, coordinator.headers);
    expect(validated.statusCode).toBe(200);
    // The frozen contributions equal what families.ts counts for the animator's month.
    const want = { veille: 0, animation: 0, redaction: 0 };
    for (const r of await countContributions(app.db, c.id, month, 1, animator.user.id)) want[FAMILY_OF[r.source]] += r.count;
    expect(want).toEqual({ veille: 1, animation: 1, redaction: 1 });
    expect(json(validated)).toMatchObject({ validatedBy: `${coordinator.user.firstName} ${coordinator.user.lastName}`, contributions: { ...want, total: 3 } });
    expect(json(await send('POST', `/contracts/statements/${s.id}/validation`, coordinator.headers)).code).toBe('STATEMENT_ALREADY_VALIDATED');
    // A later contribution does not change a validated statement.
    await insertPost(app, c.id, animator.user.id, 'veille', now);
    expect(json(await get(`/contracts/statements/${s.id}`, animator.headers)).contributions.total).toBe(3);

    const list = json(await get(`/contracts/statements?community=${c.slug}`, coordinator.headers));
    expect(list.items).toEqual([expect.objectContaining({ id: s.id, amountCents: 50440 })]);

    const csv = await get(`/contracts/statements/${s.id}/export/csv`, coordinator.headers);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, line] = csv.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(header).toContain('montant_brut_eur');
    expect(line!.split(';')).toEqual(expect.arrayContaining([month, '4T1', '38.80', '13', '504.40', '1', '3']));
    const pdf = await get(`/contracts/statements/${s.id}/export/pdf`, animator.headers);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(`/contracts/statements/${s.id}/export/pdf`, otherCoordinator.headers)).statusCode).toBe(403);
  });
});
