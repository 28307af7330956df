import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { excerpt, renderMarkdown } from '../lib/markdown.js';
import { onCommentPosted, onQuestionPosted } from '../modules/questions/service.js';

const HOUR = 3_600_000;

/** Two open questions for "Questions à traiter": one past its deadline, one with time left. */
const OPEN_QUESTIONS = [
  {
    email: 'claire.dubois@e-communautes.test', hoursAgo: 4 * 24 + 5,
    title: 'Question : quelle durée pour une convention d’abattement TFPB ?',
    reply: { email: 'karim.haddad@e-communautes.test', afterHours: 6, body: 'Même question chez nous : je suis preneur des retours.' },
    body: 'Bonjour,\n\nNotre convention d’utilisation de l’abattement de TFPB arrive à échéance. L’avez-vous renouvelée pour la durée du nouveau contrat de ville, ou par avenant annuel ? Merci pour vos retours.',
  },
  {
    email: 'membre@e-communautes.test', hoursAgo: 20,
    title: 'Question : associer les conseils citoyens au comité de pilotage',
    reply: { email: 'claire.dubois@e-communautes.test', afterHours: 3, body: 'À Lyon, deux membres du conseil citoyen siègent au comité technique ; je vous décris la formule en détail demain.' },
    body: 'Comment associez-vous les conseils citoyens au comité de pilotage du contrat de ville ? Voix consultative, collège dédié, autre formule ? Je cherche des exemples concrets.',
  },
];

/**
 * Demo questions: the demo posts of kind 'question' get their deadline and answer state, computed
 * by the same hooks the posts service calls, and two open questions are added to Politique de la Ville.
 * Runs inside the demo seed transaction, before the counters are recomputed.
 */
export async function seedDemoQuestions(tx: DbOrTx, now: Date): Promise<void> {
  const { rows: community } = await tx.execute<{ id: number }>(sql`SELECT id FROM communities WHERE slug = 'politique-de-la-ville'`);
  if (community[0]) {
    for (const q of OPEN_QUESTIONS) {
      const { rows: user } = await tx.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = ${q.email}`);
      if (!user[0]) continue;
      const askedMs = now.getTime() - q.hoursAgo * HOUR;
      const { rows: post } = await tx.execute<{ id: number }>(sql`
        INSERT INTO posts (community_id, author_id, kind, title, body_md, body_html, excerpt, created_at)
        VALUES (${community[0].id}, ${user[0].id}, 'question', ${q.title}, ${q.body}, ${renderMarkdown(q.body)}, ${excerpt(q.body)},
                ${new Date(askedMs).toISOString()}::timestamptz)
        RETURNING id`);
      // A member's reply: a first response, but the question still waits for the animation team.
      await tx.execute(sql`
        INSERT INTO comments (post_id, author_id, body_md, body_html, created_at)
        SELECT ${post[0]!.id}, id, ${q.reply.body}, ${renderMarkdown(q.reply.body)}, ${new Date(askedMs + q.reply.afterHours * HOUR).toISOString()}::timestamptz
          FROM users WHERE email = ${q.reply.email}`);
    }
  }
  const { rows: questions } = await tx.execute<{ id: number }>(sql`
    SELECT p.id FROM posts p WHERE p.kind = 'question' AND NOT EXISTS (SELECT 1 FROM questions q WHERE q.post_id = p.id) ORDER BY p.id`);
  for (const { id } of questions) {
    await onQuestionPosted(tx, id);
    const { rows: thread } = await tx.execute<{ id: number }>(sql`SELECT id FROM comments WHERE post_id = ${id} ORDER BY created_at, id`);
    for (const c of thread) await onCommentPosted(tx, c.id, id);
  }
}
