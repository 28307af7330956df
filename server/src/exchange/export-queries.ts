/**
 * One SQL statement per page of each file (keyset on the local ids, so every page is an index range). Ids are
 * written as the source ids of this export's source name when the entity came from a bundle of that source
 * (a round trip gives the same files back), else as local ids. `$1` is the source name, `$2` the public URL,
 * `$3` the community ids in scope and `$4` the keyset position in every query.
 */

/** The exchange id of a local entity: correlated lookup served by exchange_mappings_local_idx. */
export const xid = (kind: string, col: string) =>
  `coalesce((SELECT m.source_id FROM exchange_mappings m WHERE m.kind = '${kind}' AND m.local_id = ${col} AND m.source = $1), ${col}::text)`;
const oldUrl = (kind: string, col: string, path: string) =>
  `coalesce((SELECT m.old_url FROM exchange_mappings m WHERE m.kind = '${kind}' AND m.local_id = ${col} AND m.source = $1), $2 || ${path})`;
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Every query gets the same parameters; PostgreSQL refuses one it cannot type, so those that do not use $2 name it here. */
const TYPED = '$2::text IS NOT NULL';

/** Members a scope needs: members of its communities and everyone whose content or marks it holds. */
const MEMBER_SCOPE = `(u.id IN (SELECT user_id FROM memberships WHERE community_id = ANY($3::bigint[]))
  OR u.id IN (SELECT author_id FROM posts WHERE community_id = ANY($3::bigint[]))
  OR u.id IN (SELECT k.author_id FROM comments k JOIN posts p ON p.id = k.post_id WHERE p.community_id = ANY($3::bigint[]))
  OR u.id IN (SELECT r.user_id FROM post_reactions r JOIN posts p ON p.id = r.post_id WHERE p.community_id = ANY($3::bigint[]))
  OR u.id IN (SELECT v.user_id FROM poll_votes v JOIN posts p ON p.id = v.poll_id WHERE p.community_id = ANY($3::bigint[]))
  OR u.id IN (SELECT created_by FROM dossiers WHERE community_id = ANY($3::bigint[]))
  OR u.id IN (SELECT a.uploader_id FROM attachments a WHERE a.community_id = ANY($3::bigint[]) AND a.post_id IS NOT NULL))`;

/** Posts in scope: of its communities, by a member not deleted, and a share only when what it shares is in scope too. */
export const POST_SCOPE = `p.community_id = ANY($3::bigint[])
  AND EXISTS (SELECT 1 FROM users a WHERE a.id = p.author_id AND a.deleted_at IS NULL)
  AND (p.shared_post_id IS NULL OR EXISTS (SELECT 1 FROM posts o WHERE o.id = p.shared_post_id AND o.community_id = ANY($3::bigint[])))`;

export const QUERIES = {
  member: `SELECT u.id AS key, ${xid('member', 'u.id')} AS id, u.email, u.first_name, u.last_name, u.employer, u.job, u.departement, u.bio,
      ${iso('u.created_at')} AS created_at, ${oldUrl('member', 'u.id', `'/membres/' || u.id`)} AS old_url,
      s.listed, s.show_employer, s.show_job, s.show_territory, s.show_email
    FROM users u LEFT JOIN member_settings s ON s.user_id = u.id
   WHERE u.deleted_at IS NULL AND u.id > $4 AND ${MEMBER_SCOPE} ORDER BY u.id LIMIT $5`,
  community: `SELECT c.id AS key, ${xid('community', 'c.id')} AS id, c.slug, c.name, c.description, c.perimeter, c.target_audience, c.editorial_line,
      c.status, c.launch_date::text AS launch_date, ${iso('c.created_at')} AS created_at, ${oldUrl('community', 'c.id', `'/communautes/' || c.slug`)} AS old_url,
      ARRAY(SELECT ${xid('community', 'r.related_id')} FROM community_relations r
             WHERE r.community_id = c.id AND r.related_id = ANY($3::bigint[]) ORDER BY r.related_id) AS related
    FROM communities c WHERE c.id = ANY($3::bigint[]) AND c.id > $4 ORDER BY c.id LIMIT $5`,
  post: `SELECT p.id AS key, ${xid('post', 'p.id')} AS id, ${xid('community', 'p.community_id')} AS community, ${xid('member', 'p.author_id')} AS author,
      p.kind, p.title, p.body_md, ${iso('p.created_at')} AS created_at, ${iso('p.edited_at')} AS edited_at, ${iso('p.deleted_at')} AS deleted_at,
      p.tags, p.article_type, p.cnfpt_type, p.link_url, p.link_title, p.link_description, p.link_source,
      CASE WHEN p.shared_post_id IS NOT NULL THEN ${xid('post', 'p.shared_post_id')} END AS shared_post,
      ${oldUrl('post', 'p.id', `'/publications/' || p.id`)} AS old_url,
      ${iso('e.starts_at')} AS starts_at, ${iso('e.ends_at')} AS ends_at, e.all_day, e.place, e.online_url, e.registration_url, e.organiser,
      pl.multiple, pl.allow_free_text, ${iso('pl.closes_at')} AS closes_at, pl.results_visibility,
      CASE WHEN pl.post_id IS NOT NULL THEN
        (SELECT json_agg(json_build_object('label', o.label, 'votes', (SELECT count(*) FROM poll_vote_choices c WHERE c.poll_id = o.poll_id AND c.option_id = o.id)) ORDER BY o.position)
           FROM poll_options o WHERE o.poll_id = pl.post_id) END AS options,
      CASE WHEN pl.post_id IS NOT NULL THEN
        (SELECT coalesce(json_agg(json_build_object('member', ${xid('member', 'v.user_id')}, 'at', ${iso('v.created_at')}, 'freeText', v.free_text,
                   'choices', (SELECT coalesce(json_agg(o.position ORDER BY o.position), '[]'::json) FROM poll_vote_choices c JOIN poll_options o ON o.id = c.option_id
                                WHERE c.poll_id = v.poll_id AND c.user_id = v.user_id)) ORDER BY v.user_id), '[]'::json)
           FROM poll_votes v JOIN users vu ON vu.id = v.user_id AND vu.deleted_at IS NULL WHERE v.poll_id = pl.post_id) END AS votes
    FROM posts p LEFT JOIN events e ON e.post_id = p.id LEFT JOIN polls pl ON pl.post_id = p.id
   WHERE ${POST_SCOPE} AND p.id > $4 ORDER BY p.id LIMIT $5`,
  comment: `SELECT k.id AS key, ${xid('comment', 'k.id')} AS id, ${xid('post', 'k.post_id')} AS post, ${xid('member', 'k.author_id')} AS author,
      -- A reply to a comment not exported (its author's account was deleted) goes out as a plain comment.
      CASE WHEN EXISTS (SELECT 1 FROM comments r JOIN users ra ON ra.id = r.author_id AND ra.deleted_at IS NULL WHERE r.id = k.reply_to_id)
           THEN ${xid('comment', 'k.reply_to_id')} END AS reply_to, k.body_md,
      ${iso('k.created_at')} AS created_at, ${iso('k.edited_at')} AS edited_at, ${iso('k.deleted_at')} AS deleted_at,
      EXISTS (SELECT 1 FROM questions q WHERE q.post_id = k.post_id AND q.solution_comment_id = k.id) AS solution,
      ${oldUrl('comment', 'k.id', `'/publications/' || k.post_id || '#commentaire-' || k.id`)} AS old_url
    FROM comments k JOIN posts p ON p.id = k.post_id
   WHERE ${POST_SCOPE} AND EXISTS (SELECT 1 FROM users a WHERE a.id = k.author_id AND a.deleted_at IS NULL)
     AND k.id > $4 ORDER BY k.id LIMIT $5`,
  dossier: `SELECT d.id AS key, ${xid('dossier', 'd.id')} AS id, ${xid('community', 'd.community_id')} AS community, d.title, d.intro_md,
      ${xid('member', 'd.created_by')} AS created_by, ${iso('d.created_at')} AS created_at,
      ${oldUrl('dossier', 'd.id', `'/communautes/' || (SELECT slug FROM communities WHERE id = d.community_id) || '/dossiers/' || d.id`)} AS old_url,
      (SELECT coalesce(json_agg(json_build_object('post', ${xid('post', 'i.post_id')}, 'note', i.note) ORDER BY i.position, i.post_id), '[]'::json)
         FROM dossier_items i JOIN posts p ON p.id = i.post_id WHERE i.dossier_id = d.id AND ${POST_SCOPE}) AS items
    FROM dossiers d WHERE d.community_id = ANY($3::bigint[]) AND EXISTS (SELECT 1 FROM users a WHERE a.id = d.created_by AND a.deleted_at IS NULL)
     AND d.id > $4 ORDER BY d.id LIMIT $5`,
  attachment: `SELECT a.id AS key, ${xid('attachment', 'a.id')} AS id, ${xid('post', 'a.post_id')} AS post, ${xid('member', 'a.uploader_id')} AS uploader,
      a.sha256, a.mime, a.size, a.original_name, a.alt, a.format, a.long_desc_md, a.storage_key, ${iso('a.created_at')} AS created_at
    FROM attachments a JOIN posts p ON p.id = a.post_id
   WHERE ${TYPED} AND ${POST_SCOPE} AND EXISTS (SELECT 1 FROM users u WHERE u.id = a.uploader_id AND u.deleted_at IS NULL) AND a.id > $4 ORDER BY a.id LIMIT $5`,
} as const;

/** Memberships and « utile » marks have a two-column key: their own keyset. `$4`/`$5` is the position, `$6` the page size. */
export const PAIR_QUERIES = {
  membership: `SELECT ms.community_id AS k1, ms.user_id AS k2, ${xid('community', 'ms.community_id')} AS community, ${xid('member', 'ms.user_id')} AS member,
      ms.role, ${iso('ms.joined_at')} AS joined_at
    FROM memberships ms JOIN users u ON u.id = ms.user_id AND u.deleted_at IS NULL
   WHERE ${TYPED} AND ms.community_id = ANY($3::bigint[]) AND (ms.community_id, ms.user_id) > ($4, $5) ORDER BY ms.community_id, ms.user_id LIMIT $6`,
  reaction: `SELECT r.post_id AS k1, r.user_id AS k2, ${xid('post', 'r.post_id')} AS post, ${xid('member', 'r.user_id')} AS member, ${iso('r.created_at')} AS created_at
    FROM post_reactions r JOIN posts p ON p.id = r.post_id JOIN users u ON u.id = r.user_id AND u.deleted_at IS NULL
   WHERE ${TYPED} AND ${POST_SCOPE} AND (r.post_id, r.user_id) > ($4, $5) ORDER BY r.post_id, r.user_id LIMIT $6`,
} as const;
