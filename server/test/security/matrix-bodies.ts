import { addMember } from '../community-factories.js';
import { createUser, FACTORY_PASSWORD } from '../factories.js';
import { unique } from '../helpers.js';
import { call } from './makers.js';
import type { World } from './world.js';

/**
 * What the generator cannot guess (business rules beyond the schema): the matrix must send a request
 * that an allowed role sees succeed, so that a refusal means "not allowed" and nothing else.
 * PREPARE puts a fresh resource in the state the operation needs (a closed poll, a submitted report...).
 */
type Params = Record<string, string>;
type Body = (w: World, p: Params) => unknown;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const month = (offset: number) => day(offset * 31).slice(0, 7);
const meetingBody = (w: World) => ({
  scheduledAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), fromMonth: month(-3), toMonth: month(-1), agenda: 'Bilan', participantIds: [w.colleague.id],
});

async function freshAnimator(w: World): Promise<number> {
  const { user } = await createUser(w.app);
  await addMember(w.app, w.a.id, user.id, 'animator');
  return user.id;
}

async function revisionOf(w: World, pageId: string): Promise<number> {
  return (await call(w, 'author', 'GET', `/api/shared-pages/${pageId}`)).revision;
}

export const BODIES: Record<string, Body> = {
  'POST /api/auth/register': () => ({
    email: `${unique('reg')}@exemple.fr`, password: `${FACTORY_PASSWORD}-${unique('p')}`, firstName: 'Alix', lastName: 'Durand',
    employer: 'Mairie de Lyon', job: 'Agent', departement: '69', acceptCgu: true,
  }),
  'POST /api/auth/login': (w) => ({ email: w.author.email, password: FACTORY_PASSWORD }),
  'POST /api/auth/reauth': () => ({ password: FACTORY_PASSWORD }),
  'POST /api/network/events': () => ({
    kind: 'gathering', title: `Rencontre ${unique('ne')}`, description: 'Entre pairs', location: 'En ligne',
    startsAt: new Date(Date.now() + 20 * 86_400_000).toISOString(), endsAt: new Date(Date.now() + 20 * 86_400_000 + 3_600_000).toISOString(),
  }),
  'DELETE /api/me': () => ({ deleteContent: false }),
  'PUT /api/drafts/{place}': () => ({ body: `Brouillon ${unique('d')}` }),
  'POST /api/me/password': () => ({ currentPassword: FACTORY_PASSWORD, newPassword: `Nouveau-${FACTORY_PASSWORD}` }),
  'POST /api/me/cgu-acceptance': async (w) => {
    const { rows } = await w.app.pool.query<{ version: number }>(`SELECT version FROM legal_pages WHERE slug = 'cgu'`);
    return { version: rows[0]?.version ?? 1 };
  },
  'POST /api/communities': () => ({ slug: unique('c').toLowerCase(), name: 'Nouvelle communauté', description: 'Pour tester' }),
  'PATCH /api/communities/{slug}': () => ({ description: `Description ${unique('d')}` }),
  'POST /api/communities/{slug}/posts': () => ({ kind: 'discussion', title: `Sujet ${unique('t')}`, body: 'Texte' }),
  'POST /api/communities/{slug}/rubriques': () => ({ name: `Rubrique ${unique('r')}`.slice(0, 60) }),
  'POST /api/communities/{slug}/invitations': () => ({ emails: [`${unique('inv')}@exemple.fr`] }),
  'POST /api/communities/{slug}/events': () => ({
    title: `Rencontre ${unique('e')}`, body: 'Ordre du jour', startDate: day(12), endDate: day(12), startTime: '10:00', endTime: '11:00',
  }),
  'POST /api/communities/{slug}/meetings': meetingBody,
  'PUT /api/meetings/{id}': meetingBody,
  'PUT /api/communities/{slug}/roles/{userId}': () => ({ role: 'animator' }),
  'PUT /api/communities/{slug}/duty-roster/{week}': (w) => ({ animatorId: w.colleague.id }),
  'PUT /api/communities/{slug}/steering/target': (w) => ({ monthlyTarget: 12, userId: w.colleague.id }),
  'PUT /api/contracts/assignments/{id}/ceilings/{month}': () => ({ hours: 20, reason: 'Rencontre régionale' }),
  'POST /api/contracts/assignments': async (w) => ({ userId: await freshAnimator(w), communitySlug: w.a.slug, startsOn: day(-60), monthlyHours: 10, hourlyRateCents: 2500 }),
  'POST /api/national/communities': async (w) => ({
    name: `Réseau ${unique('n')}`, slug: unique('n').toLowerCase(), description: 'd', perimeter: 'p', targetAudience: 't', editorialLine: 'e',
    coordinatorId: (await createUser(w.app)).user.id, animatorIds: [], launchDate: day(30),
  }),
  'POST /api/moderation/items/{type}/{id}/actions': () => ({ action: 'hide', reasonCode: 'spam', message: 'Contenu masqué.' }),
  'POST /api/moderation/messages/{id}/actions': () => ({ action: 'keep' }),
  'POST /api/messages/{id}/report': () => ({ reasonCode: 'spam' }),
  'POST /api/polls/{postId}/vote': async (w, p) => {
    const { rows } = await w.app.pool.query<{ id: number }>(`SELECT id FROM poll_options WHERE poll_id = $1 ORDER BY position LIMIT 1`, [p.postId]);
    return { optionIds: [rows[0]!.id] };
  },
  'POST /api/surveys/{id}/responses': async (w, p) => {
    const { rows } = await w.app.pool.query<{ question_id: number; id: number }>(
      `SELECT o.question_id, o.id FROM survey_options o JOIN survey_questions q ON q.id = o.question_id WHERE q.survey_id = $1 ORDER BY q.position, o.position LIMIT 1`, [p.id]);
    return { answers: [{ questionId: Number(rows[0]!.question_id), optionIds: [Number(rows[0]!.id)] }] };
  },
  'POST /api/communities/{slug}/surveys': () => ({
    title: `Enquête ${unique('q')}`, anonymous: true, closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    questions: [{ kind: 'scale', label: 'Note' }],
  }),
  'PUT /api/questions/{postId}/solution': async (w, p) => {
    const c = await call(w, 'peer', 'POST', `/api/posts/${p.postId}/comments`, { body: 'Une piste.' });
    return { commentId: c.id };
  },
  'PUT /api/shared-pages/{id}': async (w, p) => ({ title: 'Page modifiée', body: 'Nouveau contenu', baseRevision: await revisionOf(w, p.id!) }),
  'POST /api/shared-pages/{id}/restore': async (w, p) => ({ revision: 1, baseRevision: await revisionOf(w, p.id!) }),
  'PUT /api/dossiers/{id}/order': () => ({ postIds: [] }),
  'PUT /api/network/events/{id}/attendance': (w) => ({ attendance: [{ userId: w.colleague.id, attended: true }] }),
  'PUT /api/communities/{slug}/steering/objectives': () => ({ quality: 50 }),
  'PATCH /api/me/directory-settings': () => ({ listed: true }),
  'PATCH /api/planned-posts/{id}': () => ({ title: 'Titre revu' }),
  'PUT /api/pages/{slug}': () => ({ title: 'Données personnelles', body: `Texte revu ${unique('m')}` }),
  'POST /api/conversations': (w) => ({ memberIds: [w.peer.id], body: 'Bonjour' }),
  'POST /api/conversations/{id}/participants': (w) => ({ memberIds: [w.colleague.id] }),
  'POST /api/member-imports/preview': (w) => ({ csv: `${unique('csv')}@exemple.fr;Anne;Dupont;Mairie`, community: w.a.slug }),
  'POST /api/member-imports': (w) => ({ csv: `${unique('csv')}@exemple.fr;Anne;Dupont;Mairie`, community: w.a.slug }),
  // Never left paused: other tests of the run send welcome mails.
  'PUT /api/national/import-welcome/paused': () => ({ paused: false }),
};

export const PREPARE: Record<string, (w: World, p: Params) => Promise<unknown>> = {
  'POST /api/national/import-welcome/members/{userId}/resend': (w, p) =>
    w.app.pool.query('INSERT INTO import_welcomes (user_id) VALUES ($1) ON CONFLICT DO NOTHING', [p.userId]),
  'PUT /api/meetings/{id}/minutes': (w, p) => w.app.pool.query(`UPDATE review_meetings SET scheduled_at = now() - interval '1 day' WHERE id = $1`, [p.id]),
  'PUT /api/reports/{id}/comment': (w, p) => call(w, 'colleague', 'POST', `/api/reports/${p.id}/submit`),
  'POST /api/polls/{postId}/publish-results': (w, p) => call(w, 'colleague', 'POST', `/api/polls/${p.postId}/close`),
  'POST /api/surveys/{id}/publish-results': (w, p) => call(w, 'colleague', 'POST', `/api/surveys/${p.id}/close`),
  'DELETE /api/dossiers/{id}/items/{postId}': (w, p) => call(w, 'coordinator', 'POST', `/api/dossiers/${p.id}/items`, { postId: Number(p.postId) }),
  'DELETE /api/dossiers/{id}/shared-pages/{pageId}': (w, p) => call(w, 'coordinator', 'POST', `/api/dossiers/${p.id}/shared-pages`, { pageId: Number(p.pageId) }),
  'POST /api/shared-pages/{id}/restore': async (w, p) => call(w, 'author', 'PUT', `/api/shared-pages/${p.id}`, { title: 'Version 2', body: 'Deux', baseRevision: await revisionOf(w, p.id!) }),
  'POST /api/moderation/messages/{id}/actions': (w, p) => call(w, 'author', 'POST', `/api/messages/${p.id}/report`, { reasonCode: 'spam' }),
  'PUT /api/network/events/{id}/attendance': (w, p) => call(w, 'colleague', 'PUT', `/api/network/events/${p.id}/registration`),
  'POST /api/moderation/items/{type}/{id}/actions': (w, p) => call(w, 'peer', 'POST', `/api/posts/${p.id}/flags`, { reasonCode: 'spam' }),
};

export const QUERIES: Record<string, (w: World) => Record<string, string>> = {
  'GET /api/communities/{slug}/calendar': () => ({ from: day(0), to: day(30) }),
  'GET /api/communities/{slug}/events/month': () => ({ from: day(0), to: day(30) }),
  'GET /api/communities/{slug}/steering/animator': (w) => ({ animatorId: String(w.colleague.id) }),
  'DELETE /api/communities/{slug}/steering/target': (w) => ({ userId: String(w.colleague.id) }),
  'GET /api/shared-pages/{id}/diff': () => ({ from: '1', to: '1' }),
  // Lists scoped to the caller by default: asked for community A, they must check who may see A's.
  'GET /api/contracts/assignments': (w) => ({ community: w.a.slug }),
  'GET /api/contracts/statements': (w) => ({ community: w.a.slug }),
  'GET /api/communities/{slug}/invitations': () => ({ mine: 'false' }),
};

/** Path parameters that must name a resource of a given kind rather than the path's default. */
export const PARAM_KINDS: Record<string, Record<string, string>> = {
  'GET /api/posts/{id}/event': { id: 'event' },
  'GET /api/posts/{id}/question': { id: 'question' },
};
