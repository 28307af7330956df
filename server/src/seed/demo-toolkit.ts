import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { excerpt, renderMarkdown } from '../lib/markdown.js';
import { addDays, parisToUtc, utcToParis } from '../../../common/time/index.js';
import { eventDayFrom } from './demo-dates.js';

const DAY = 86_400_000;

/** Rubriques of « Politique de la Ville », and the title words that file the demo posts under them. */
const RUBRIQUES: { name: string; titles: string[]; tags: string[] }[] = [
  { name: 'Contrat de ville', titles: ['contrat de ville', 'programmation', 'appel à projets'], tags: ['contrat de ville'] },
  { name: 'Renouvellement urbain', titles: ['npnru', 'renouvellement', 'relogement'], tags: ['npnru', 'habitat'] },
  { name: 'Éducation et jeunesse', titles: ['cités éducatives', 'réussite éducative', 'jeunes'], tags: ['éducation'] },
  { name: 'Veille juridique', titles: ['circulaire', 'décret', 'loi', 'abattement'], tags: ['veille'] },
];

const POLL = {
  title: 'Sondage : quel thème pour le prochain webinaire ?',
  body: 'Aidez-nous à choisir le thème du webinaire du mois prochain. Une seule réponse ; vous pouvez préciser votre attente en commentaire.',
  options: ['Évaluation du contrat de ville', 'Participation des habitants et conseils citoyens', 'Abattement de TFPB', 'Cités éducatives'],
  /** How many demo members vote for each option. */
  votes: [6, 4, 3, 2],
};

/**
 * The animation toolkit as a newcomer should find it in « Politique de la Ville »: rubriques with posts
 * filed under them, a live poll with votes, and an editorial calendar (two regular slots, a draft
 * article and a scheduled veille carrying their kind's fields). Runs inside the demo seed transaction.
 */
export async function seedDemoToolkit(tx: DbOrTx, now: Date): Promise<void> {
  const { rows } = await tx.execute<{ community_id: number; animator: number; coordinator: number }>(sql`
    SELECT c.id AS community_id, a.id AS animator, k.id AS coordinator FROM communities c, users a, users k
     WHERE c.slug = 'politique-de-la-ville' AND a.email = 'animation@e-communautes.test' AND k.email = 'coordination@e-communautes.test'`);
  const ctx = rows[0];
  if (!ctx) return;
  const community = ctx.community_id;

  const rubriqueIds = new Map<string, number>();
  for (const [position, r] of RUBRIQUES.entries()) {
    const { rows: created } = await tx.execute<{ id: number }>(sql`
      INSERT INTO rubriques (community_id, name, position) VALUES (${community}, ${r.name}, ${position}) RETURNING id`);
    rubriqueIds.set(r.name, created[0]!.id);
    const patterns = r.titles.map((t) => `%${t}%`);
    await tx.execute(sql`
      UPDATE posts SET rubrique_id = ${created[0]!.id}, tags = ${sql`ARRAY[${sql.join(r.tags.map((t) => sql`${t}`), sql`, `)}]::text[]`}
       WHERE community_id = ${community} AND rubrique_id IS NULL AND kind NOT IN ('evenement', 'sondage')
         AND lower(title) LIKE ANY(${sql.param(patterns)}::text[])`);
  }

  // A poll opened four days ago, closing in ten, results shown as votes come in.
  const openedAt = new Date(now.getTime() - 4 * DAY);
  const { rows: poll } = await tx.execute<{ id: number }>(sql`
    INSERT INTO posts (community_id, author_id, kind, title, body_md, body_html, excerpt, created_at)
    VALUES (${community}, ${ctx.animator}, 'sondage', ${POLL.title}, ${POLL.body}, ${renderMarkdown(POLL.body)}, ${excerpt(POLL.body)},
            ${openedAt.toISOString()}::timestamptz)
    RETURNING id`);
  const pollId = poll[0]!.id;
  await tx.execute(sql`
    INSERT INTO polls (post_id, community_id, multiple, allow_free_text, closes_at, results_visibility, created_at)
    VALUES (${pollId}, ${community}, false, false, ${new Date(now.getTime() + 10 * DAY).toISOString()}::timestamptz, 'live',
            ${openedAt.toISOString()}::timestamptz)`);
  const reply = 'J’ai voté pour l’évaluation : nous démarrons la nôtre et les retours des autres sites nous aideraient beaucoup.';
  await tx.execute(sql`
    INSERT INTO comments (post_id, author_id, body_md, body_html, created_at)
    SELECT ${pollId}, u.id, ${reply}, ${renderMarkdown(reply)}, ${new Date(openedAt.getTime() + 6 * 3600_000).toISOString()}::timestamptz
      FROM users u WHERE u.email = 'membre@e-communautes.test'`);
  const { rows: voters } = await tx.execute<{ user_id: number }>(sql`
    SELECT user_id FROM memberships WHERE community_id = ${community} AND role = 'member' ORDER BY user_id
     LIMIT ${POLL.votes.reduce((a, b) => a + b, 0)}`);
  let next = 0;
  for (const [position, label] of POLL.options.entries()) {
    const { rows: option } = await tx.execute<{ id: number }>(sql`
      INSERT INTO poll_options (poll_id, position, label) VALUES (${pollId}, ${position}, ${label}) RETURNING id`);
    for (let i = 0; i < POLL.votes[position]! && next < voters.length; i += 1, next += 1) {
      const at = new Date(openedAt.getTime() + (next + 1) * 5 * 3600_000).toISOString();
      await tx.execute(sql`INSERT INTO poll_votes (poll_id, user_id, created_at) VALUES (${pollId}, ${voters[next]!.user_id}, ${at}::timestamptz)`);
      await tx.execute(sql`INSERT INTO poll_vote_choices (poll_id, user_id, option_id) VALUES (${pollId}, ${voters[next]!.user_id}, ${option[0]!.id})`);
    }
  }

  // Editorial calendar: the Monday veille and a fortnightly article, from this week on.
  const today = utcToParis(now).date;
  const weekday = ((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const monday = addDays(today, 1 - weekday);
  const nextMonday = addDays(monday, 7);
  const { rows: slots } = await tx.execute<{ id: number; kind: string }>(sql`
    INSERT INTO editorial_slots (community_id, label, kind, weekday, time_of_day, interval_weeks, starts_on, created_by)
    VALUES (${community}, 'Veille du lundi', 'veille', 1, '09:00', 1, ${monday}, ${ctx.animator}),
           (${community}, 'Article de fond (un jeudi sur deux)', 'article', 4, '14:00', 2, ${monday}, ${ctx.coordinator})
    RETURNING id, kind`);
  const slotOf = (kind: string) => slots.find((s) => s.kind === kind)!.id;
  const veille = 'Le décret sur la géographie prioritaire est paru : les nouveaux quartiers, les critères retenus et le calendrier de mise en œuvre.';
  await tx.execute(sql`
    INSERT INTO planned_posts (community_id, author_id, kind, title, body_md, payload, planned_at, status, slot_id)
    VALUES (${community}, ${ctx.animator}, 'veille', 'Veille : la nouvelle géographie prioritaire', ${veille},
            ${JSON.stringify({
              link: { url: 'https://www.legifrance.gouv.fr/', title: 'Décret relatif à la liste des quartiers prioritaires', source: 'Légifrance' },
              rubriqueId: rubriqueIds.get('Veille juridique'), tags: ['veille', 'qpv'],
            })}::jsonb,
            ${parisToUtc(nextMonday, '09:00')!.toISOString()}::timestamptz, 'scheduled', ${slotOf('veille')}),
           (${community}, ${ctx.coordinator}, 'article', 'Retour d’expérience : un conseil citoyen qui co-évalue le contrat de ville',
            'Plan : la démarche, les outils, ce que nous referions autrement.',
            ${JSON.stringify({ articleType: 'retour_experience' })}::jsonb,
            ${parisToUtc(eventDayFrom(addDays(monday, 17)), '14:00')!.toISOString()}::timestamptz, 'draft', ${slotOf('article')})`);
}
