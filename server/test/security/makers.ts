import { multipart, tinyPng } from '../../src/modules/attachments/attachments.fixtures.js';
import { addMember } from '../community-factories.js';
import { createUser } from '../factories.js';
import { unique } from '../helpers.js';
import type { Person, World } from './world.js';

/**
 * One fresh resource of each kind in community A, made over HTTP by the person who would make it in real
 * life (a plain member for content, the coordinator or the national team for staff objects), never by
 * the actor under test. The few objects no route creates (notifications, veille) are inserted directly.
 */
export type Maker = (w: World) => Promise<number | string>;

type Who = Person | 'author' | 'peer' | 'colleague' | 'coordinator' | 'national';

function personOf(w: World, who: Who): Person {
  if (typeof who !== 'string') return who;
  if (who === 'author') return w.author;
  if (who === 'peer') return w.peer;
  if (who === 'colleague') return w.colleague;
  return w.actors[who];
}

/** An HTTP call that must succeed: a maker that fails is a broken test, not a finding. */
export async function call(w: World, who: Who, method: string, url: string, payload?: unknown): Promise<any> {
  const res = await w.app.inject({
    method: method as 'POST', url, headers: personOf(w, who).headers, ...(payload === undefined ? {} : { payload: payload as object }),
  });
  if (res.statusCode >= 300) throw new Error(`maker ${method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res.body ? res.json() : {};
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const idOf = (r: any): number => r.id ?? r.conversationId ?? r.message?.id ?? r.post?.id ?? r.postId ?? r.page?.id ?? r.invitation?.id;

async function post(w: World, kind = 'discussion'): Promise<number> {
  return idOf(await call(w, 'author', 'POST', `/api/communities/${w.a.slug}/posts`, { kind, title: `Sujet ${unique('p')}`, body: `Texte ${unique('b')}` }));
}

async function comment(w: World): Promise<number> {
  return idOf(await call(w, 'peer', 'POST', `/api/posts/${await post(w)}/comments`, { body: `Réponse ${unique('c')}` }));
}

async function conversation(w: World): Promise<number> {
  return idOf(await call(w, 'author', 'POST', '/api/conversations', { memberIds: [w.peer.id, w.colleague.id], body: `Bonjour ${unique('m')}` }));
}

async function meeting(w: World): Promise<number> {
  return idOf(await call(w, 'coordinator', 'POST', `/api/communities/${w.a.slug}/meetings`, {
    scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), fromMonth: day(-90).slice(0, 7), toMonth: day(-1).slice(0, 7),
    agenda: 'Bilan du trimestre', participantIds: [w.colleague.id],
  }));
}

async function assignment(w: World): Promise<number> {
  return idOf(await call(w, 'national', 'POST', '/api/contracts/assignments', {
    userId: w.colleague.id, communitySlug: w.a.slug, startsOn: day(-400), monthlyHours: 10, hourlyRateCents: 2500,
  }));
}

async function veilleSource(w: World): Promise<number> {
  // Inserted, not created over HTTP: creating one fetches the feed, and tests never leave the machine.
  const { rows } = await w.app.pool.query<{ id: number }>(
    `INSERT INTO veille_sources (community_id, url, title, next_poll_at) VALUES ($1, $2, 'Source de test', 'infinity') RETURNING id`,
    [w.a.id, `http://127.0.0.1:9/${unique('feed')}.xml`],
  );
  return rows[0]!.id;
}

async function cnfptSource(w: World): Promise<number> {
  // Inserted, not created over HTTP, like veille sources: creating one fetches the feed.
  const { rows } = await w.app.pool.query<{ id: number }>(
    `INSERT INTO cnfpt_sources (url, title, resource_type, next_poll_at) VALUES ($1, 'Catalogue de test', 'formation', 'infinity') RETURNING id`,
    [`http://127.0.0.1:9/${unique('cnfpt')}.xml`],
  );
  return rows[0]!.id;
}

export const makers: Record<string, Maker> = {
  /** A plain member of A (the target of role changes, blocks, profile reads). */
  member: async (w) => {
    const { user } = await createUser(w.app);
    await addMember(w.app, w.a.id, user.id);
    return user.id;
  },
  post: (w) => post(w),
  comment,
  question: (w) => post(w, 'question'),
  poll: async (w) => idOf(await call(w, 'colleague', 'POST', `/api/communities/${w.a.slug}/polls`, {
    title: `Sondage ${unique('s')}`, options: ['Oui', 'Non'], closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  })),
  survey: async (w) => idOf(await call(w, 'colleague', 'POST', `/api/communities/${w.a.slug}/surveys`, {
    title: `Enquête ${unique('q')}`, anonymous: false, closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    questions: [{ kind: 'single', label: 'Oui ou non ?', options: ['Oui', 'Non'] }, { kind: 'text', label: 'Pourquoi ?', required: false }],
  })),
  event: async (w) => idOf(await call(w, 'colleague', 'POST', `/api/communities/${w.a.slug}/events`, {
    title: `Rencontre ${unique('e')}`, body: 'Ordre du jour', startDate: day(10), endDate: day(10), startTime: '10:00', endTime: '12:00',
  })),
  dossier: async (w) => idOf(await call(w, 'coordinator', 'POST', `/api/communities/${w.a.slug}/dossiers`, { title: `Dossier ${unique('d')}` })),
  rubrique: async (w) => idOf(await call(w, 'coordinator', 'POST', `/api/communities/${w.a.slug}/rubriques`, { name: `Rubrique ${unique('r')}`.slice(0, 60) })),
  plannedPost: async (w) => idOf(await call(w, 'coordinator', 'POST', `/api/communities/${w.a.slug}/planned-posts`, {
    title: `Planifié ${unique('pp')}`, body: 'Texte', plannedAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), status: 'draft',
  })),
  slot: async (w) => idOf(await call(w, 'coordinator', 'POST', `/api/communities/${w.a.slug}/slots`, { label: `Créneau ${unique('sl')}`, weekday: 2, time: '09:00' })),
  sharedPage: async (w) => idOf(await call(w, 'author', 'POST', `/api/communities/${w.a.slug}/shared-pages`, { title: `Page ${unique('sp')}`, body: 'Contenu' })),
  invitation: async (w) => idOf(await call(w, 'coordinator', 'POST', `/api/communities/${w.a.slug}/invitation-links`)),
  invitationToken: async (w) => {
    const r = await call(w, 'coordinator', 'POST', `/api/communities/${w.a.slug}/invitation-links`);
    return String(r.url).split('/').pop()!;
  },
  attachment: async (w) => {
    const body = multipart([{ name: 'alt', value: 'Plan' }, { name: 'file', file: { filename: 'plan.png', contentType: 'image/png', data: tinyPng() } }]);
    const res = await w.app.inject({
      method: 'POST', url: `/api/communities/${w.a.slug}/attachments`, headers: { ...w.author.headers, 'content-type': body.contentType }, payload: body.payload,
    });
    if (res.statusCode !== 201) throw new Error(`maker attachment → ${res.statusCode} ${res.body}`);
    return idOf(res.json());
  },
  conversation,
  message: async (w) => {
    const id = await conversation(w);
    return idOf(await call(w, 'peer', 'POST', `/api/conversations/${id}/messages`, { body: `Réponse ${unique('m')}` }));
  },
  meeting,
  report: async (w) => idOf(await call(w, 'colleague', 'POST', `/api/meetings/${await meeting(w)}/reports`)),
  networkEvent: async (w) => idOf(await call(w, 'national', 'POST', '/api/network/events', {
    kind: 'gathering', title: `Rencontre ${unique('ne')}`, description: 'Entre pairs', location: 'En ligne',
    startsAt: new Date(Date.now() + 9 * 86_400_000).toISOString(), endsAt: new Date(Date.now() + 9 * 86_400_000 + 3_600_000).toISOString(),
  })),
  practice: async (w) => idOf(await call(w, 'colleague', 'POST', '/api/network/practices', { title: `Pratique ${unique('pr')}`, body: 'Ce qui marche.' })),
  assignment,
  statement: async (w) => idOf(await call(w, 'colleague', 'POST', `/api/contracts/assignments/${await assignment(w)}/statements`, { month: day(-35).slice(0, 7), hours: 4 })),
  reason: async (w) => {
    const code = `r_${unique('x').toLowerCase()}`.slice(0, 40);
    await call(w, 'national', 'POST', '/api/moderation/reasons', { code, label: 'Motif de test' });
    return code;
  },
  scale: async (w) => {
    const code = `E${unique('s')}`.slice(0, 20);
    await call(w, 'national', 'PUT', `/api/contracts/scales/${code}`, { label: 'Échelle de test', hourlyRateCents: 2000 });
    return code;
  },
  notification: async (w) => {
    const { rows } = await w.app.pool.query<{ id: number }>(
      `INSERT INTO notifications (user_id, kind, community_id) VALUES ($1, 'comment', $2) RETURNING id`, [w.author.id, w.a.id]);
    return rows[0]!.id;
  },
  veilleSource,
  veilleItem: async (w) => {
    const source = await veilleSource(w);
    const { rows } = await w.app.pool.query<{ id: number }>(
      `INSERT INTO veille_items (source_id, community_id, guid, link, title) VALUES ($1, $2, $3, $4, 'Article') RETURNING id`,
      [source, w.a.id, unique('g'), `http://127.0.0.1:9/${unique('a')}`]);
    return rows[0]!.id;
  },
  cnfptSource,
  cnfptItem: async (w) => {
    const { rows } = await w.app.pool.query<{ id: number }>(
      `INSERT INTO cnfpt_items (source_id, guid, link, title) VALUES ($1, $2, $3, 'Formation de test') RETURNING id`,
      [await cnfptSource(w), unique('g'), `https://www.cnfpt.fr/${unique('formation')}`]);
    return rows[0]!.id;
  },
};
