import type pg from 'pg';
import { renderMarkdown } from '../server/src/lib/markdown.js';
import type { BenchSession } from './harness.js';

export interface Fixtures {
  community: { id: number; slug: string; name: string; postCount: number };
  longPost: { id: number; commentCount: number };
  feedMember: BenchSession & { communities: number };
  /** Members of five communities, as many as there are connections: « mon fil » as 50 people read it at once. */
  feedMembers: BenchSession[];
  commenters: BenchSession[];
  recentPosts: number[];
}

/** Picks the benchmark's subjects in a seed:large database and opens their sessions with `session`. */
export async function pickFixtures(pool: pg.Pool, session: (userId: number) => Promise<BenchSession>): Promise<Fixtures> {

  const c = (await pool.query(`SELECT id, slug, name, post_count FROM communities WHERE status = 'open' ORDER BY post_count DESC LIMIT 1`)).rows[0];
  if (!c) throw new Error('Aucune communauté ouverte : lancez d’abord `npm run seed:large`.');
  const community = { id: c.id, slug: c.slug, name: c.name, postCount: c.post_count };

  let long = (await pool.query(`
    SELECT p.id, p.comment_count FROM posts p JOIN communities c ON c.id = p.community_id AND c.status = 'open'
     WHERE p.deleted_at IS NULL AND p.comment_count BETWEEN 45 AND 60 ORDER BY p.id DESC LIMIT 1`)).rows[0];
  if (!long) long = await makeLongPost(pool, community.id);

  const fms = (await pool.query(`
    SELECT m.user_id, count(*)::int AS n FROM memberships m JOIN users u ON u.id = m.user_id AND u.email_verified_at IS NOT NULL
     GROUP BY m.user_id HAVING count(*) = 5 ORDER BY m.user_id LIMIT 50`)).rows;
  const fm = fms[0];
  if (!fm) throw new Error('Aucun membre de cinq communautés dans la base.');

  const members = (await pool.query(`
    SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.community_id = $1 AND m.role = 'member' AND u.email_verified_at IS NOT NULL AND u.deleted_at IS NULL
     ORDER BY m.user_id LIMIT 50`, [community.id])).rows;
  const recent = (await pool.query(`
    SELECT id FROM posts WHERE community_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 200`, [community.id])).rows;

  return {
    community,
    longPost: { id: long.id, commentCount: long.comment_count },
    feedMember: { ...(await session(fm.user_id)), communities: fm.n },
    feedMembers: await Promise.all(fms.map((m) => session(m.user_id))),
    commenters: await Promise.all(members.map((m) => session(m.user_id))),
    recentPosts: recent.map((r) => r.id),
  };
}

/** Fallback when the database has no long thread: 50 comments on the community's latest post. */
async function makeLongPost(pool: pg.Pool, communityId: number): Promise<{ id: number; comment_count: number }> {
  const html = renderMarkdown('Merci pour ce partage, très utile.');
  const { rows } = await pool.query(`
    WITH p AS (SELECT id, created_at FROM posts WHERE community_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 1),
         ins AS (
           INSERT INTO comments (post_id, author_id, body_md, body_html, created_at)
           SELECT p.id, m.user_id, 'Merci pour ce partage, très utile.', $2, p.created_at + make_interval(mins => g)
             FROM p, generate_series(1, 50) g,
                  LATERAL (SELECT user_id FROM memberships WHERE community_id = $1 OFFSET g LIMIT 1) m
           RETURNING post_id)
    UPDATE posts SET comment_count = comment_count + (SELECT count(*) FROM ins)
     WHERE id = (SELECT id FROM p) RETURNING id, comment_count`, [communityId, html]);
  if (!rows[0]) throw new Error('Impossible de préparer une publication à 50 commentaires.');
  return rows[0];
}
