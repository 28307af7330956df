import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';

const DAY = 86_400_000;

/** The questions of the demo mini-enquête; `answers` gives, per demo respondent, the option (1-based), scale or text. */
const SURVEY = {
  title: 'Mini-enquête : où en est l’évaluation de votre contrat de ville ?',
  description: 'Cinq minutes pour préparer le webinaire sur l’évaluation : vos réponses sont anonymes, les résultats seront publiés ici.',
  questions: [
    { kind: 'single', label: 'Votre évaluation à mi-parcours a-t-elle commencé ?', options: ['Oui, elle est lancée', 'Elle est prévue cette année', 'Pas encore envisagée'] },
    { kind: 'scale', label: 'Vous sentez-vous à l’aise avec les outils d’évaluation ?', options: [] },
    { kind: 'text', label: 'Qu’attendez-vous du webinaire ?', options: [], required: false },
  ],
  respondents: [
    [1, 4, 'Des exemples d’indicateurs partagés avec les conseils citoyens.'],
    [2, 3, 'Un retour sur le cahier des charges d’un prestataire.'],
    [1, 5, null],
    [2, 2, 'Comment associer les habitants sans alourdir la démarche.'],
    [3, 2, null],
    [2, 3, 'Des repères de calendrier.'],
  ] as const,
};

/**
 * An open mini-enquête in « Politique de la Ville » with a few anonymous answers, so that a newcomer
 * sees what members answer and what the animation reads before publishing results. Runs inside the
 * demo seed transaction; writes rows as the surveys module does (participants apart from answers).
 */
export async function seedDemoSurvey(tx: DbOrTx, now: Date): Promise<void> {
  const { rows } = await tx.execute<{ community_id: number }>(sql`SELECT id AS community_id FROM communities WHERE slug = 'politique-de-la-ville'`);
  const community = rows[0]?.community_id;
  if (!community) return;
  const openedAt = new Date(now.getTime() - 3 * DAY).toISOString();
  const { rows: survey } = await tx.execute<{ id: number }>(sql`
    INSERT INTO surveys (community_id, title, description, anonymous, closes_at, created_at)
    VALUES (${community}, ${SURVEY.title}, ${SURVEY.description}, true, ${new Date(now.getTime() + 11 * DAY).toISOString()}::timestamptz,
            ${openedAt}::timestamptz)
    RETURNING id`);
  const surveyId = survey[0]!.id;
  const questionIds: number[] = [];
  const optionIds: number[][] = [];
  for (const [i, q] of SURVEY.questions.entries()) {
    const { rows: question } = await tx.execute<{ id: number }>(sql`
      INSERT INTO survey_questions (survey_id, position, kind, label, required)
      VALUES (${surveyId}, ${i + 1}, ${q.kind}::survey_question_kind, ${q.label}, ${'required' in q ? q.required : true}) RETURNING id`);
    questionIds.push(question[0]!.id);
    const ids: number[] = [];
    for (const [j, label] of q.options.entries()) {
      const { rows: option } = await tx.execute<{ id: number }>(sql`
        INSERT INTO survey_options (question_id, position, label) VALUES (${question[0]!.id}, ${j + 1}, ${label}) RETURNING id`);
      ids.push(option[0]!.id);
    }
    optionIds.push(ids);
  }
  // Respondents: members of the community other than the demo accounts, so that `membre@` can still answer.
  const { rows: people } = await tx.execute<{ user_id: number }>(sql`
    SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.community_id = ${community} AND m.role = 'member' AND u.email NOT LIKE 'membre@%'
     ORDER BY m.user_id LIMIT ${SURVEY.respondents.length}`);
  for (const [n, person] of people.entries()) {
    const [choice, scale, text] = SURVEY.respondents[n]!;
    await tx.execute(sql`INSERT INTO survey_participants (survey_id, user_id) VALUES (${surveyId}, ${person.user_id})`);
    const { rows: submission } = await tx.execute<{ id: number }>(sql`
      INSERT INTO survey_submissions (survey_id, user_id, created_at)
      VALUES (${surveyId}, NULL, ${new Date(now.getTime() - 3 * DAY + (n + 1) * 7 * 3600_000).toISOString()}::timestamptz) RETURNING id`);
    const s = submission[0]!.id;
    await tx.execute(sql`
      INSERT INTO survey_answers (submission_id, question_id, option_id, scale, text)
      VALUES (${s}, ${questionIds[0]!}, ${optionIds[0]![choice - 1]!}, NULL, NULL),
             (${s}, ${questionIds[1]!}, NULL, ${scale}, NULL)`);
    if (text) await tx.execute(sql`INSERT INTO survey_answers (submission_id, question_id, text) VALUES (${s}, ${questionIds[2]!}, ${text})`);
  }
}
