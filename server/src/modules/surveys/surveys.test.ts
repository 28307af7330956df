import { describe, expect, it } from 'vitest';
import { parseFrenchCsv } from '../../../test/french-csv.js';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

const QUESTIONS = [
  { kind: 'single', label: 'Votre collectivité', options: ['Commune', 'Département', 'Région'] },
  { kind: 'multiple', label: 'Sujets à traiter', options: ['Budget', 'RH', 'Numérique'] },
  { kind: 'scale', label: 'Satisfaction', required: false },
  { kind: 'text', label: 'Une idée ?', required: false },
];

describe('surveys (mini-enquêtes)', async () => {
  const { app } = await useTestApp();

  async function setup(extra: Record<string, unknown> = {}) {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const member = await memberOf(app, community.id);
    const res = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/surveys`, headers: animator.headers,
      payload: { title: 'Bilan de l’année', anonymous: true, closesAt: inDays(7), questions: QUESTIONS, ...extra },
    });
    expect(res.statusCode, res.body).toBe(201);
    const survey = res.json();
    const q = survey.questions as { id: number; options: { id: number }[] }[];
    return { community, animator, member, survey, id: survey.id as number, q };
  }

  const answer = (id: number, headers: Record<string, string>, answers: unknown) =>
    app.inject({ method: 'POST', url: `/api/surveys/${id}/responses`, headers, payload: { answers } as object });
  const full = (q: { id: number; options: { id: number }[] }[], text = 'Un atelier budget') => [
    { questionId: q[0]!.id, optionIds: [q[0]!.options[0]!.id] },
    { questionId: q[1]!.id, optionIds: [q[1]!.options[0]!.id, q[1]!.options[2]!.id] },
    { questionId: q[2]!.id, value: 4 },
    { questionId: q[3]!.id, text },
  ];

  it('answers once, counts per question, hides results from members until closing', async () => {
    const { community, animator, member, id, q } = await setup();
    const first = await answer(id, member.headers, full(q));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ answered: true, myAnswers: null, resultsVisible: false, participants: null, can: { answer: false, viewTexts: false } });
    const other = await memberOf(app, community.id);
    expect((await answer(id, other.headers, [{ questionId: q[0]!.id, optionIds: [q[0]!.options[1]!.id] }, { questionId: q[1]!.id, optionIds: [q[1]!.options[0]!.id] }, { questionId: q[2]!.id, value: 2 }])).statusCode).toBe(200);
    const again = await answer(id, member.headers, full(q));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SURVEY_ALREADY_ANSWERED');

    const staff = (await app.inject({ method: 'GET', url: `/api/surveys/${id}`, headers: animator.headers })).json();
    expect(staff.participants).toBe(2);
    expect(staff.questions[0].options.map((o: { count: number }) => o.count)).toEqual([1, 1, 0]);
    expect(staff.questions[1].options.map((o: { count: number }) => o.count)).toEqual([2, 0, 1]);
    expect(staff.questions[2].scale).toEqual({ counts: [0, 1, 0, 1, 0], average: 3 });
    expect(staff.questions[3]).toMatchObject({ textCount: 1, answered: 1 });

    const texts = await app.inject({ method: 'GET', url: `/api/surveys/${id}/texts?question=${q[3]!.id}`, headers: animator.headers });
    // Anonymous: the text comes without its author.
    expect(texts.json().items).toEqual([{ id: expect.any(Number), questionId: q[3]!.id, text: 'Un atelier budget', respondent: null }]);
    const forbidden = await app.inject({ method: 'GET', url: `/api/surveys/${id}/texts`, headers: member.headers });
    expect(forbidden.statusCode).toBe(403);
    // Nothing in the database links an anonymous answer to its author.
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM survey_submissions WHERE survey_id = $1 AND user_id IS NOT NULL', [id]);
    expect(rows[0].n).toBe(0);

    await app.pool.query(`UPDATE surveys SET closes_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    const shown = (await app.inject({ method: 'GET', url: `/api/surveys/${id}`, headers: member.headers })).json();
    expect(shown).toMatchObject({ resultsVisible: true, participants: 2, closed: true });
    expect(shown.questions[3].textCount).toBe(1);
  });

  it('counts exactly one of two simultaneous answers by the same member', async () => {
    const { member, id, q } = await setup();
    const results = await Promise.all([answer(id, member.headers, full(q, 'a')), answer(id, member.headers, full(q, 'b'))]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM survey_submissions WHERE survey_id = $1', [id]);
    expect(rows[0].n).toBe(1);
  });

  it('refuses bad answers with clear codes and writes nothing', async () => {
    const { community, member, id, q } = await setup();
    const other = await setup();
    const bad = async (answers: unknown, status: number, code: string, headers = member.headers) => {
      const res = await answer(id, headers, answers);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().code).toBe(code);
    };
    const base = full(q);
    const withFirst = (a: unknown) => [a, ...base.slice(1)];
    await bad(withFirst({ questionId: q[0]!.id, optionIds: [other.q[0]!.options[0]!.id] }), 400, 'VALIDATION_FAILED'); // option of another survey
    await bad(withFirst({ questionId: q[0]!.id, optionIds: [999_999_999] }), 400, 'VALIDATION_FAILED'); // unknown option
    await bad(withFirst({ questionId: q[0]!.id, optionIds: [q[0]!.options[0]!.id, q[0]!.options[1]!.id] }), 400, 'VALIDATION_FAILED'); // single
    await bad(withFirst({ questionId: q[0]!.id, value: 3 }), 400, 'VALIDATION_FAILED'); // wrong shape
    await bad(base.slice(1), 400, 'VALIDATION_FAILED'); // required question left out
    await bad([...base, { questionId: other.q[3]!.id, text: 'x' }], 400, 'VALIDATION_FAILED'); // question of another survey
    await bad([...base.slice(0, 2), { questionId: q[2]!.id, value: 6 }], 400, 'VALIDATION_FAILED'); // scale out of range
    await bad([...base.slice(0, 3), { questionId: q[3]!.id, text: 'x'.repeat(1001) }], 400, 'VALIDATION_FAILED'); // too long
    await bad([...base, base[0]], 400, 'VALIDATION_FAILED'); // twice the same question
    await bad(base, 401, 'UNAUTHENTICATED', {} as Record<string, string>);
    const outsider = await signIn(app);
    await bad(base, 403, 'NOT_MEMBER', outsider.headers);
    const unverified = await memberOf(app, community.id, 'member', { verified: false });
    await bad(base, 403, 'EMAIL_NOT_VERIFIED', unverified.headers);
    const missing = await answer(2 ** 40, member.headers, base);
    expect(missing.statusCode).toBe(404);
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM survey_participants WHERE survey_id = $1', [id]);
    expect(rows[0].n).toBe(0);
  });

  it('refuses answers after closing with 409 SURVEY_CLOSED; only staff close', async () => {
    const { animator, member, id, q } = await setup();
    expect((await app.inject({ method: 'POST', url: `/api/surveys/${id}/close`, headers: member.headers })).statusCode).toBe(403);
    const close = await app.inject({ method: 'POST', url: `/api/surveys/${id}/close`, headers: animator.headers });
    expect(close.statusCode).toBe(200);
    expect(close.json()).toMatchObject({ closed: true, can: { close: false, publishResults: true } });
    const res = await answer(id, member.headers, full(q));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('SURVEY_CLOSED');
  });

  it('lets only staff create surveys, and checks the input', async () => {
    const community = await createCommunity(app);
    const member = await memberOf(app, community.id);
    const animator = await memberOf(app, community.id, 'animator');
    const create = (headers: Record<string, string>, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/api/communities/${community.slug}/surveys`, headers, payload });
    const good = { title: 'Enquête', anonymous: false, closesAt: inDays(3), questions: QUESTIONS };
    expect((await create(member.headers, good)).statusCode).toBe(403);
    expect((await create({}, good)).statusCode).toBe(401);
    for (const payload of [
      { ...good, questions: [] },
      { ...good, questions: [{ kind: 'single', label: 'Q', options: ['Oui'] }] },
      { ...good, questions: [{ kind: 'single', label: 'Q', options: ['Oui', 'oui'] }] },
      { ...good, questions: [{ kind: 'scale', label: 'Q', options: ['1', '2'] }] },
      { ...good, questions: [{ kind: 'date', label: 'Q' }] },
      { ...good, questions: [{ kind: 'text', label: '   ' }] },
      { ...good, closesAt: inDays(-1) },
      { ...good, closesAt: 'demain' },
      { ...good, title: '' },
      { ...good, anonymous: undefined },
    ]) {
      const res = await create(animator.headers, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const list = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/surveys` });
    expect(list.json().items).toHaveLength(0);
  });

  it('keeps names in a named survey: my answers, respondents in texts and CSV; CSV in the French convention', async () => {
    const { animator, member, id, q } = await setup({ anonymous: false });
    const res = await answer(id, member.headers, full(q, 'Plus de webinaires; le midi'));
    expect(res.json().myAnswers).toEqual([
      { questionId: q[0]!.id, optionIds: [q[0]!.options[0]!.id], value: null, text: null },
      { questionId: q[1]!.id, optionIds: [q[1]!.options[0]!.id, q[1]!.options[2]!.id], value: null, text: null },
      { questionId: q[2]!.id, optionIds: [], value: 4, text: null },
      { questionId: q[3]!.id, optionIds: [], value: null, text: 'Plus de webinaires; le midi' },
    ]);
    const texts = (await app.inject({ method: 'GET', url: `/api/surveys/${id}/texts`, headers: animator.headers })).json();
    expect(texts.items[0].respondent).toBe(`${member.user.firstName} ${member.user.lastName}`);
    const totals = await app.inject({ method: 'GET', url: `/api/surveys/${id}/export`, headers: animator.headers });
    expect(totals.headers['content-type']).toContain('text/csv');
    const sheet = parseFrenchCsv(totals.rawPayload);
    expect(sheet[0]).toEqual(['question', 'type', 'reponse', 'nombre', 'part_pourcent']);
    expect(sheet[1]).toEqual(['1. Votre collectivité', 'choix unique', 'Commune', 1, 100]);
    const detail = parseFrenchCsv((await app.inject({ method: 'GET', url: `/api/surveys/${id}/export?detail=reponses`, headers: animator.headers })).rawPayload);
    expect(detail[1]![0]).toBe(member.user.firstName + ' ' + member.user.lastName);
    expect(detail[1]!.slice(2)).toEqual(['Commune', 'Budget | Numérique', 4, 'Plus de webinaires; le midi']);
    expect((await app.inject({ method: 'GET', url: `/api/surveys/${id}/export`, headers: member.headers })).statusCode).toBe(403);
    const anonymous = await setup();
    const refused = await app.inject({ method: 'GET', url: `/api/surveys/${anonymous.id}/export?detail=reponses`, headers: anonymous.animator.headers });
    expect(refused.statusCode).toBe(403);
  });

  it('publishes the results once, as an article linked from the survey', async () => {
    const { community, animator, member, id, q } = await setup();
    await answer(id, member.headers, full(q));
    const publish = (headers: Record<string, string>) => app.inject({
      method: 'POST', url: `/api/surveys/${id}/publish-results`, headers, payload: { commentary: 'Merci à toutes et tous.' },
    });
    const early = await publish(animator.headers);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('SURVEY_NOT_CLOSED');
    await app.inject({ method: 'POST', url: `/api/surveys/${id}/close`, headers: animator.headers });
    expect((await publish(member.headers)).statusCode).toBe(403);
    const [a, b] = await Promise.all([publish(animator.headers), publish(animator.headers)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const done = a.statusCode === 201 ? a.json() : b.json();
    expect(done.resultsPost.title).toBe('Résultats de la mini-enquête : Bilan de l’année');
    const post = (await app.inject({ method: 'GET', url: `/api/posts/${done.resultsPost.id}` })).json();
    expect(post).toMatchObject({ kind: 'article', articleType: 'autre' });
    expect(post.bodyHtml).toContain('<table>');
    expect(post.bodyHtml).toContain('Numérique');
    expect(post.bodyHtml).toContain(`href="/enquetes/${id}"`);
    // Short texts never go into the public post.
    expect(post.bodyHtml).not.toContain('Un atelier budget');
    const list = (await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/surveys` })).json();
    expect(list.items[0]).toMatchObject({ id, closed: true, participants: 1, questionCount: 4, resultsPostId: done.resultsPost.id });
  });
});
