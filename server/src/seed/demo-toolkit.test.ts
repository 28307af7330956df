import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDb, createPool } from '../db/client.js';
import { seedDemo } from './demo.js';

/** Thrown to roll the seed back: the run database is shared with other test files. */
class Rollback extends Error {}

describe('demo seed: the animation toolkit in « Politique de la Ville »', () => {
  const pool = createPool(inject('databaseUrl'), 2);
  const db = createDb(pool);
  afterAll(() => pool.end());

  it('has rubriques with posts filed under them, a poll with votes, an editorial calendar and a mini-enquête', async () => {
    const checks: Record<string, any> = {};
    await expect(db.transaction(async (tx) => {
      await seedDemo(tx);
      const q = async (text: string) => (await tx.execute(text)).rows;
      const pdlv = `(SELECT id FROM communities WHERE slug = 'politique-de-la-ville')`;
      checks.rubriques = await q(`
        SELECT r.name, count(p.id)::int AS posts FROM rubriques r LEFT JOIN posts p ON p.rubrique_id = r.id
         WHERE r.community_id = ${pdlv} GROUP BY r.name, r.position ORDER BY r.position`);
      checks.poll = (await q(`
        SELECT p.kind, p.comment_count, po.closes_at > now() AS open,
               (SELECT count(*)::int FROM poll_votes v WHERE v.poll_id = po.post_id) AS votes,
               (SELECT count(*)::int FROM poll_options o WHERE o.poll_id = po.post_id) AS options
          FROM polls po JOIN posts p ON p.id = po.post_id WHERE po.community_id = ${pdlv}`))[0];
      checks.slots = await q(`SELECT label, kind::text FROM editorial_slots WHERE community_id = ${pdlv} ORDER BY id`);
      checks.planned = await q(`
        SELECT kind::text, status::text, payload, planned_at > now() AS future FROM planned_posts WHERE community_id = ${pdlv} ORDER BY id`);
      checks.survey = (await q(`
        SELECT s.anonymous, s.closes_at > now() AS open,
               (SELECT count(*)::int FROM survey_questions q WHERE q.survey_id = s.id) AS questions,
               (SELECT count(*)::int FROM survey_participants sp WHERE sp.survey_id = s.id) AS participants,
               (SELECT count(*)::int FROM survey_submissions ss WHERE ss.survey_id = s.id AND ss.user_id IS NULL) AS anonymous_submissions,
               (SELECT count(*)::int FROM users u JOIN survey_participants sp ON sp.user_id = u.id
                 WHERE sp.survey_id = s.id AND u.email = 'membre@e-communautes.test') AS demo_member_answered
          FROM surveys s WHERE s.community_id = ${pdlv}`))[0];
      throw new Rollback();
    })).rejects.toBeInstanceOf(Rollback);

    expect(checks.rubriques.map((r: { name: string }) => r.name)).toEqual(['Contrat de ville', 'Renouvellement urbain', 'Éducation et jeunesse', 'Veille juridique']);
    expect(checks.rubriques.filter((r: { posts: number }) => r.posts > 0).length).toBeGreaterThanOrEqual(2);
    expect(checks.poll).toMatchObject({ kind: 'sondage', open: true, options: 4, votes: 15, comment_count: 1 });
    expect(checks.slots).toHaveLength(2);
    // An open, anonymous mini-enquête already answered by six members; membre@ can still answer it.
    expect(checks.survey).toEqual({ anonymous: true, open: true, questions: 3, participants: 6, anonymous_submissions: 6, demo_member_answered: 0 });
    expect(checks.planned).toEqual([
      expect.objectContaining({ kind: 'veille', status: 'scheduled', future: true, payload: expect.objectContaining({ link: expect.objectContaining({ source: 'Légifrance' }) }) }),
      expect.objectContaining({ kind: 'article', status: 'draft', future: true, payload: { articleType: 'retour_experience' } }),
    ]);
  });
});
