import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { excerpt, renderMarkdown } from '../lib/markdown.js';
import { addDays, parisToUtc, utcToParis } from '../../../common/time/index.js';
import { eventSpanFrom, seasonalName } from './demo-dates.js';

const DAY = 86_400_000;

interface DemoEvent {
  community: string;
  by: string;
  /** Paris days from today (negative: past), moved to the nearest working day away from today. */
  inDays: number;
  start: string | null;
  end: string | null;
  /** Extra days for events spanning several days. */
  lastsDays?: number;
  /** A function of the first day for a title that depends on the season. */
  title: string | ((first: string) => string);
  body: string;
  place?: string;
  onlineUrl?: string;
  registrationUrl?: string;
  organiser?: string;
  /** Every demo post carries a conversation. */
  comment: { by: string; body: string };
}

/** A few past and upcoming events, dated from today so the agenda always looks alive. */
const EVENTS: DemoEvent[] = [
  {
    community: 'politique-de-la-ville', by: 'animation@e-communautes.test', inDays: -24, start: '14:00', end: '16:00',
    title: 'Webinaire : évaluer le contrat de ville à mi-parcours',
    body: 'Retour sur les méthodes d’évaluation à mi-parcours, avec deux collectivités qui ont conduit l’exercice.',
    onlineUrl: 'https://webinaire.exemple.fr/evaluation-contrat-de-ville', organiser: 'Équipe d’animation',
    comment: { by: 'membre@e-communautes.test', body: 'Merci pour ce webinaire : le support de présentation sera-t-il partagé ?' },
  },
  {
    community: 'politique-de-la-ville', by: 'animation@e-communautes.test', inDays: 6, start: '10:00', end: '12:00',
    title: 'Webinaire : la gestion urbaine et sociale de proximité',
    body: 'Un temps d’échange sur les démarches de **GUSP** : diagnostics en marchant, conventions avec les bailleurs, suivi des engagements.\n\nQuestions bienvenues en commentaire avant la séance.',
    onlineUrl: 'https://webinaire.exemple.fr/gusp', registrationUrl: 'https://inscription.exemple.fr/gusp',
    organiser: 'Équipe d’animation et centre de ressources',
    comment: { by: 'claire.dubois@e-communautes.test', body: 'Inscrite ! Nous venons de relancer notre GUSP, ce sera l’occasion de comparer nos conventions.' },
  },
  {
    community: 'politique-de-la-ville', by: 'coordination@e-communautes.test', inDays: 19, start: '09:30', end: '17:00',
    title: 'Rencontre régionale des chefs de projet politique de la ville',
    body: 'Une journée d’ateliers entre pairs : programmation, mobilisation des habitants, NPNRU.',
    place: 'Hôtel de région, salle des délibérations, Lille', registrationUrl: 'https://inscription.exemple.fr/rencontre-regionale',
    organiser: 'Coordination nationale',
    comment: { by: 'membre@e-communautes.test', body: 'Y aura-t-il une prise en charge des frais de déplacement ?' },
  },
  {
    community: 'politique-de-la-ville', by: 'animation@e-communautes.test', inDays: 33, start: null, end: null, lastsDays: 1,
    title: (first) => `${seasonalName('Université', first)} des acteurs de la cohésion urbaine`,
    body: 'Deux jours de conférences et de visites de sites. Programme détaillé à venir.',
    place: 'Campus universitaire, Villeurbanne', registrationUrl: 'https://inscription.exemple.fr/universite',
    comment: { by: 'claire.dubois@e-communautes.test', body: 'Nous viendrons à trois depuis Lyon. Le programme sera-t-il publié ici ?' },
  },
];

/** Each event's title and days (Paris) when the demo is loaded on `today`: working days, outside the year-end break. */
export function planDemoEvents(today: string): { event: DemoEvent; title: string; first: string; last: string }[] {
  return EVENTS.map((event) => {
    const first = eventSpanFrom(addDays(today, event.inDays), (event.lastsDays ?? 0) + 1, event.inDays < 0 ? -1 : 1);
    const title = typeof event.title === 'string' ? event.title : event.title(first);
    return { event, title, first, last: addDays(first, event.lastsDays ?? 0) };
  });
}

/**
 * Demo events, written as the agenda module writes them: a post of kind 'evenement' plus its row
 * in `events`, times entered in Paris and stored in UTC. Runs inside the demo seed transaction.
 */
export async function seedDemoAgenda(tx: DbOrTx, now: Date): Promise<void> {
  const today = utcToParis(now).date;
  for (const { event: e, title, first, last } of planDemoEvents(today)) {
    const { rows: ctx } = await tx.execute<{ community_id: number; user_id: number }>(sql`
      SELECT c.id AS community_id, u.id AS user_id FROM communities c, users u
       WHERE c.slug = ${e.community} AND u.email = ${e.by}`);
    if (!ctx[0]) continue;
    const allDay = e.start === null;
    const startsAt = allDay ? parisToUtc(first)! : parisToUtc(first, e.start!)!;
    const endsAt = allDay ? parisToUtc(addDays(last, 1))! : parisToUtc(last, e.end!)!;
    // Announced three weeks ahead, or the day before for an event coming sooner: its comment (five hours
    // after the announcement) is then in the past too.
    const createdAt = new Date(Math.min(now.getTime() - 26 * 3600_000, startsAt.getTime() - 21 * DAY));
    const { rows: post } = await tx.execute<{ id: number }>(sql`
      INSERT INTO posts (community_id, author_id, kind, title, body_md, body_html, excerpt, created_at)
      VALUES (${ctx[0].community_id}, ${ctx[0].user_id}, 'evenement', ${title}, ${e.body}, ${renderMarkdown(e.body)},
              ${excerpt(e.body)}, ${createdAt.toISOString()}::timestamptz)
      RETURNING id`);
    await tx.execute(sql`
      INSERT INTO events (post_id, community_id, starts_at, ends_at, all_day, place, online_url, registration_url, organiser, created_at, updated_at)
      VALUES (${post[0]!.id}, ${ctx[0].community_id}, ${startsAt.toISOString()}, ${endsAt.toISOString()}, ${allDay},
              ${e.place ?? null}, ${e.onlineUrl ?? null}, ${e.registrationUrl ?? null}, ${e.organiser ?? null},
              ${createdAt.toISOString()}, ${createdAt.toISOString()})`);
    await tx.execute(sql`
      INSERT INTO comments (post_id, author_id, body_md, body_html, created_at)
      SELECT ${post[0]!.id}, u.id, ${e.comment.body}, ${renderMarkdown(e.comment.body)}, ${new Date(createdAt.getTime() + 5 * 3600_000).toISOString()}::timestamptz
        FROM users u WHERE u.email = ${e.comment.by}`);
  }
}
