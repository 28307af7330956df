import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { isoText } from '../../lib/cursor.js';
import type { SummaryRow } from './queries.js';

export interface RelatedRow extends SummaryRow {
  shared_here: boolean;
}

/**
 * The newest posts of the e-communities related to this one, for its "communautés liées" panel:
 * at most `perCommunity` per related community (each read off posts_community_feed_idx by a
 * LATERAL top-N), merged newest first, in one statement. Shares are left out (they point
 * elsewhere), and so are draft communities. `shared_here` tells whether this community already
 * shared the post (posts_shared_once_key).
 */
export async function relatedPosts(db: DbOrTx, communityId: number, perCommunity: number, limit: number): Promise<RelatedRow[]> {
  const { rows } = await db.execute<RelatedRow>(sql`
    SELECT p.id, p.kind, p.title, p.excerpt, ${isoText('p.created_at')} AS created_at, ${isoText('p.edited_at')} AS edited_at,
           p.comment_count, p.useful_count, p.tags, p.rubrique_id, rb.name AS rubrique_name,
           u.id AS author_id, u.first_name AS author_first_name, u.last_name AS author_last_name,
           c.id AS community_id, c.slug AS community_slug, c.name AS community_name,
           EXISTS (SELECT 1 FROM posts s
                    WHERE s.community_id = ${communityId} AND s.shared_post_id = p.id AND s.deleted_at IS NULL) AS shared_here
      FROM community_relations cr
      JOIN communities c ON c.id = cr.related_id AND c.status <> 'draft'
      CROSS JOIN LATERAL (
        SELECT * FROM posts p
         WHERE p.community_id = cr.related_id AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.kind <> 'partage'
         ORDER BY p.created_at DESC NULLS LAST, p.id DESC NULLS LAST
         LIMIT ${perCommunity}
      ) p
      JOIN users u ON u.id = p.author_id
      LEFT JOIN rubriques rb ON rb.id = p.rubrique_id
     WHERE cr.community_id = ${communityId}
     ORDER BY p.created_at DESC, p.id DESC
     LIMIT ${limit}`);
  return rows;
}
