import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { renderMarkdown } from '../lib/markdown.js';
import { hashToken, newToken } from '../lib/tokens.js';
import { DEMO_USERS } from './demo-content.js';
import { parisZoneSql } from '../../../common/time/sql.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A co-written page and its successive versions, oldest first (each by a demo account, `daysAgo` before the seed). */
interface DemoPage {
  revisions: { by: string; daysAgo: number; summary: string; title: string; body: string }[];
}

const GUIDE_TITLE = 'Mettre en place une cité éducative : guide pratique';

const GUIDE_V1 = `Ce guide rassemble ce que les coordonnateurs du réseau ont appris en lançant leur cité éducative. Complétez-le avec votre expérience.

## 1. Poser le diagnostic

- Partir des données du quartier : taux de réussite au brevet, absentéisme, part des familles monoparentales.
- Croiser avec le projet éducatif de territoire (PEDT) et le contrat de ville.
- Rencontrer les principaux de collège et les inspecteurs de l’Éducation nationale dès le départ.

## 2. Constituer la troïka

La cité éducative est pilotée par le préfet (ou son délégué), le recteur (ou l’IA-DASEN) et le maire. Prévoir une réunion de lancement de la troïka avant toute programmation.`;

const GUIDE_V2 = `${GUIDE_V1}

## 3. Organiser la gouvernance

- **Comité de pilotage** deux fois par an, autour de la troïka, avec le conseil départemental et la CAF.
- **Comité technique** tous les mois : coordonnateur de la cité éducative, principal du collège chef de file, délégué du préfet, chef de projet politique de la ville.
- Associer les parents : un représentant des parents d’élèves au comité technique change beaucoup la qualité des échanges.

> Retour de Vaulx-en-Velin : nommer un coordonnateur à temps plein, rattaché à la fois à la ville et au collège chef de file, a été décisif.`;

const GUIDE_V3 = `${GUIDE_V2}

## 4. Programmer et suivre le budget

- Le fonds de la cité éducative est délégué au collège chef de file : anticiper les règles de la comptabilité publique des EPLE.
- Réserver une part du budget aux projets proposés par les habitants et les associations de proximité.
- Tenir un tableau de suivi partagé des actions (porteur, public, montant, calendrier).

## 5. Évaluer

Choisir trois ou quatre indicateurs simples dès le lancement (assiduité, fréquentation des dispositifs, participation des parents) plutôt qu’une évaluation lourde en fin de programme.

## Pour aller plus loin

- Le webinaire du réseau sur l’évaluation (voir la page « Notes du webinaire »).
- Les questions fréquentes posées dans l’e-communauté, rubrique « Éducation et jeunesse ».`;

const WEBINAR_TITLE = 'Notes du webinaire « Évaluer son contrat de ville »';

const WEBINAR_V1 = `Webinaire du réseau, animé par Samira Benali ; 46 participantes et participants.

## Ce qui a été présenté

- Les attendus de l’évaluation des contrats de ville « Engagements Quartiers 2030 ».
- La méthode de Roubaix : une évaluation en continu, avec un comité d’évaluation où siègent des membres du conseil citoyen.

## Points clés

1. Commencer par une question évaluative claire, partagée avec les partenaires.
2. Réutiliser les données existantes (observatoire, bilans des porteurs) avant de lancer de nouvelles enquêtes.
3. Prévoir le temps de restitution aux habitants.`;

const WEBINAR_V2 = `${WEBINAR_V1}

## Questions et réponses

- **Faut-il un prestataire extérieur ?** Pas forcément : plusieurs villes ont mené l’évaluation en interne avec l’appui du centre de ressources politique de la ville de leur région.
- **Comment associer le conseil citoyen ?** En l’invitant dès la définition des questions évaluatives, pas seulement à la restitution.
- **Quel calendrier ?** Compter six à neuf mois entre le lancement et la restitution.

## Ressources citées

- Le guide méthodologique de l’ANCT sur l’évaluation des contrats de ville.
- Les fiches pratiques des centres de ressources politique de la ville.`;

const PAGES: DemoPage[] = [
  {
    revisions: [
      { by: 'aurelie', daysAgo: 40, summary: 'Première version : diagnostic et troïka.', title: 'Mettre en place une cité éducative', body: GUIDE_V1 },
      { by: 'ines', daysAgo: 33, summary: 'Ajout de la gouvernance et du retour de Vaulx-en-Velin.', title: GUIDE_TITLE, body: GUIDE_V2 },
      { by: 'animation', daysAgo: 12, summary: 'Budget, évaluation et liens utiles.', title: GUIDE_TITLE, body: GUIDE_V3 },
    ],
  },
  {
    revisions: [
      { by: 'karim', daysAgo: 20, summary: 'Notes prises pendant le webinaire.', title: WEBINAR_TITLE, body: WEBINAR_V1 },
      { by: 'fatou', daysAgo: 19, summary: 'Ajout des questions-réponses et des ressources citées.', title: WEBINAR_TITLE, body: WEBINAR_V2 },
    ],
  },
];

/** Invitations sent by the animation team, one of them accepted by a member who joined through it. */
const PENDING_INVITATIONS: { by: string; email: string; daysAgo: number }[] = [
  { by: 'animation', email: 'lucie.marchetti@ville-tourcoing.test', daysAgo: 3 },
  { by: 'animation', email: 'k.benhamou@ville-wattrelos.test', daysAgo: 3 },
  { by: 'coordination', email: 'anne.leroy@agglo-valenciennes.test', daysAgo: 6 },
  { by: 'membre', email: 'romain.petit@ville-bagnolet.test', daysAgo: 9 },
];

/** A group conversation between demo accounts; someone is added on the way, as the feature allows. */
const GROUP_TITLE = 'Webinaire cités éducatives : préparation';
const GROUP_MESSAGES: { by: string; hoursAgo: number; body: string; system?: boolean }[] = [
  { by: 'animation', hoursAgo: 74, body: 'Bonjour à tous les deux, je vous propose de préparer ensemble le webinaire de rentrée sur les cités éducatives. Vous seriez disponibles pour un point de 30 minutes jeudi ?' },
  { by: 'coordination', hoursAgo: 73, body: 'Jeudi 14 h me convient. Je peux présenter l’offre de formation du CNFPT sur la coordination des cités éducatives.' },
  { by: 'membre', hoursAgo: 70, body: 'Avec plaisir. Pour le témoignage, je pense qu’Aurélie Morel (Marseille) serait idéale : elle vient de rédiger le guide pratique de l’e-communauté.' },
  { by: 'animation', hoursAgo: 69, system: true, body: 'Samira Benali a ajouté Aurélie Morel' },
  { by: 'animation', hoursAgo: 69, body: 'Bonne idée, je l’ajoute. Aurélie, accepteriez-vous de présenter en 15 minutes le lancement de votre cité éducative ?' },
  { by: 'aurelie', hoursAgo: 50, body: 'Oui, volontiers ! Je montrerai notre tableau de suivi des actions et la composition du comité technique.' },
  { by: 'coordination', hoursAgo: 5, body: 'Parfait. J’ai réservé la salle virtuelle ; je vous envoie le lien et le déroulé d’ici vendredi.' },
];

/**
 * Networking between peers in « Politique de la Ville »: co-written pages with their revisions,
 * the animation team's duty roster for the coming weeks, invitations (one accepted), and a group
 * conversation. Runs inside the demo seed transaction; does nothing when already there.
 */
export async function seedDemoNetworking(tx: DbOrTx, now: Date): Promise<void> {
  const { rows: found } = await tx.execute<{ id: number }>(sql`SELECT id FROM communities WHERE slug = 'politique-de-la-ville'`);
  const community = found[0]?.id;
  if (community === undefined) return;
  const done = await tx.execute(sql`SELECT 1 FROM wiki_pages WHERE community_id = ${community} AND title = ${GUIDE_TITLE}`);
  if (done.rows.length > 0) return;

  const { rows: people } = await tx.execute<{ id: number; email: string }>(sql`
    SELECT id, email FROM users WHERE email LIKE '%@e-communautes.test'`);
  const byKey = (key: string) => {
    const email = DEMO_USERS.find((u) => u.key === key)?.email;
    const row = people.find((p) => p.email === email);
    if (!row) throw new Error(`Compte de démonstration inconnu : ${key}`);
    return Number(row.id);
  };
  const at = (ms: number) => new Date(now.getTime() - ms).toISOString();

  for (const page of PAGES) {
    const first = page.revisions[0]!;
    const last = page.revisions[page.revisions.length - 1]!;
    const { rows } = await tx.execute<{ id: number }>(sql`
      INSERT INTO wiki_pages (community_id, title, body_md, body_html, revision, created_by, updated_by, created_at, updated_at)
      VALUES (${community}, ${last.title}, ${last.body}, ${renderMarkdown(last.body)}, ${page.revisions.length},
              ${byKey(first.by)}, ${byKey(last.by)}, ${at(first.daysAgo * DAY)}::timestamptz, ${at(last.daysAgo * DAY)}::timestamptz)
      RETURNING id`);
    const pageId = rows[0]!.id;
    for (const [i, r] of page.revisions.entries()) {
      await tx.execute(sql`
        INSERT INTO wiki_revisions (page_id, number, title, body_md, body_html, summary, author_id, created_at)
        VALUES (${pageId}, ${i + 1}, ${r.title}, ${r.body}, ${renderMarkdown(r.body)}, ${r.summary}, ${byKey(r.by)},
                ${at(r.daysAgo * DAY)}::timestamptz)`);
    }
  }

  // Samira (animator) and Julien (coordinator) take turns, this week and the five after.
  const animator = byKey('animation');
  const coordinator = byKey('coordination');
  await tx.execute(sql`
    INSERT INTO duty_roster (community_id, week_start, animator_id, set_by, set_at)
    SELECT ${community}, (date_trunc('week', ${now.toISOString()}::timestamptz AT TIME ZONE ${parisZoneSql}))::date + 7 * n,
           CASE WHEN n % 2 = 0 THEN ${animator}::bigint ELSE ${coordinator}::bigint END, ${coordinator}, ${at(7 * DAY)}::timestamptz
      FROM generate_series(0, 5) AS n`);

  for (const inv of PENDING_INVITATIONS) {
    await tx.execute(sql`
      INSERT INTO invitations (community_id, inviter_id, kind, email, token_hash, expires_at, created_at)
      VALUES (${community}, ${byKey(inv.by)}, 'email', ${inv.email}, ${hashToken(newToken())},
              ${at((inv.daysAgo - 14) * DAY)}::timestamptz, ${at(inv.daysAgo * DAY)}::timestamptz)`);
  }
  // A shareable link from the coordinator, and Jérôme, who joined through Samira's invitation.
  await tx.execute(sql`
    INSERT INTO invitations (community_id, inviter_id, kind, token_hash, expires_at, created_at)
    VALUES (${community}, ${coordinator}, 'link', ${hashToken(newToken())}, ${at(-20 * DAY)}::timestamptz, ${at(10 * DAY)}::timestamptz)`);
  const jerome = byKey('jerome');
  const { rows: joined } = await tx.execute<{ joined_at: string }>(sql`
    SELECT joined_at::text FROM memberships WHERE community_id = ${community} AND user_id = ${jerome}`);
  if (joined[0]) {
    const { rows: inv } = await tx.execute<{ id: number }>(sql`
      INSERT INTO invitations (community_id, inviter_id, kind, email, token_hash, expires_at, created_at, accepted_count)
      SELECT ${community}, ${animator}, 'email', email, ${hashToken(newToken())},
             ${joined[0].joined_at}::timestamptz + interval '12 days', ${joined[0].joined_at}::timestamptz - interval '2 days', 1
        FROM users WHERE id = ${jerome}
      RETURNING id`);
    await tx.execute(sql`
      INSERT INTO invitation_acceptances (invitation_id, user_id, accepted_at, joined_at)
      VALUES (${inv[0]!.id}, ${jerome}, ${joined[0].joined_at}::timestamptz, ${joined[0].joined_at}::timestamptz)`);
  }

  await seedGroupConversation(tx, now, byKey);
}

async function seedGroupConversation(tx: DbOrTx, now: Date, byKey: (key: string) => number): Promise<void> {
  const at = (hours: number) => new Date(now.getTime() - hours * HOUR).toISOString();
  const first = GROUP_MESSAGES[0]!;
  const last = GROUP_MESSAGES[GROUP_MESSAGES.length - 1]!;
  const { rows } = await tx.execute<{ id: number }>(sql`
    INSERT INTO conversations (kind, title, created_by, created_at, last_message_at)
    VALUES ('group', ${GROUP_TITLE}, ${byKey(first.by)}, ${at(first.hoursAgo)}::timestamptz, ${at(last.hoursAgo)}::timestamptz)
    RETURNING id`);
  const conversationId = rows[0]!.id;
  const ids: number[] = [];
  for (const m of GROUP_MESSAGES) {
    const { rows: inserted } = await tx.execute<{ id: number }>(sql`
      INSERT INTO messages (conversation_id, author_id, kind, body, created_at)
      VALUES (${conversationId}, ${byKey(m.by)}, ${m.system ? 'system' : 'text'}, ${m.body}, ${at(m.hoursAgo)}::timestamptz)
      RETURNING id`);
    ids.push(Number(inserted[0]!.id));
  }
  const addedLine = ids[GROUP_MESSAGES.findIndex((m) => m.system)]!;
  const lastId = ids[ids.length - 1]!;
  // Everyone has read up to the end but Thomas (membre@), who finds the latest message unread.
  const members: { key: string; visibleFrom: number; joinedHoursAgo: number; readUpTo: number }[] = [
    { key: 'animation', visibleFrom: 0, joinedHoursAgo: first.hoursAgo, readUpTo: lastId },
    { key: 'coordination', visibleFrom: 0, joinedHoursAgo: first.hoursAgo, readUpTo: lastId },
    { key: 'membre', visibleFrom: 0, joinedHoursAgo: first.hoursAgo, readUpTo: ids[ids.length - 2]! },
    { key: 'aurelie', visibleFrom: addedLine, joinedHoursAgo: 69, readUpTo: lastId },
  ];
  for (const m of members) {
    await tx.execute(sql`
      INSERT INTO conversation_members (conversation_id, user_id, joined_at, visible_from_id, last_message_at, last_read_id, unread_count)
      SELECT ${conversationId}, ${byKey(m.key)}, ${at(m.joinedHoursAgo)}::timestamptz, ${m.visibleFrom}, ${at(last.hoursAgo)}::timestamptz,
             ${m.readUpTo}, count(x.id)::int
        FROM messages x
       WHERE x.conversation_id = ${conversationId} AND x.id > ${m.readUpTo} AND x.id >= ${m.visibleFrom} AND x.author_id <> ${byKey(m.key)}`);
  }
}
