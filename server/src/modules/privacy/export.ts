import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { moreSections } from './export-more.js';

type Row = Record<string, unknown>;

// Links in mails carry one-time tokens (e-mail confirmation, password reset): never hand them out again.
const TOKEN_IN_URL = /([?&]token=)[^\s&"<>]+/g;

const PG_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?$/;

/** PostgreSQL's timestamptz text ("2026-03-01 08:00:00.123+00") as ISO 8601, which any tool reads. */
function isoDates(row: Row): Row {
  for (const [key, value] of Object.entries(row)) {
    const m = typeof value === 'string' ? PG_TIMESTAMP.exec(value) : null;
    if (m) row[key] = new Date(`${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}`).toISOString();
  }
  return row;
}

async function rows(tx: Tx, query: SQL): Promise<Row[]> {
  return (await tx.execute<Row>(query)).rows.map(isoDates);
}

/**
 * Everything the platform holds about a member, for the right of access and portability (RGPD art. 15 and 20).
 * One query per table, read in one repeatable-read snapshot so the file is consistent.
 * Never included: the password hash, session and e-mail tokens, CSRF tokens, other members' data.
 */
export async function buildExport(db: Db, userId: number) {
  return db.transaction(async (tx) => {
    const [profile] = await rows(tx, sql`
      SELECT id, email, first_name, last_name, employer, job, departement, bio, national_role,
             email_verified_at, banned_at, banned_reason, created_at, updated_at
        FROM users WHERE id = ${userId} AND deleted_at IS NULL`);
    if (!profile) throw new AppError('USER_NOT_FOUND');
    const email = String(profile.email);

    const memberships = await rows(tx, sql`
      SELECT c.id AS community_id, c.slug AS community_slug, c.name AS community_name, m.role, m.joined_at
        FROM memberships m JOIN communities c ON c.id = m.community_id
       WHERE m.user_id = ${userId} ORDER BY m.joined_at`);
    const posts = await rows(tx, sql`
      SELECT p.id, c.slug AS community_slug, p.kind, p.title, p.body_md, p.tags, p.link_url, p.link_title,
             p.link_description, p.created_at, p.edited_at, p.deleted_at
        FROM posts p JOIN communities c ON c.id = p.community_id
       WHERE p.author_id = ${userId} ORDER BY p.created_at`);
    const revisions = await rows(tx, sql`
      SELECT r.post_id, r.title, r.body_md, r.created_at
        FROM posts p JOIN post_revisions r ON r.post_id = p.id
       WHERE p.author_id = ${userId} ORDER BY r.post_id, r.created_at`);
    const comments = await rows(tx, sql`
      SELECT cm.id, cm.post_id, p.title AS post_title, cm.reply_to_id, cm.body_md, cm.created_at, cm.edited_at, cm.deleted_at
        FROM comments cm JOIN posts p ON p.id = cm.post_id
       WHERE cm.author_id = ${userId} ORDER BY cm.created_at`);
    const reactions = await rows(tx, sql`
      SELECT r.post_id, p.title AS post_title, 'utile' AS reaction, r.created_at
        FROM post_reactions r JOIN posts p ON p.id = r.post_id
       WHERE r.user_id = ${userId} ORDER BY r.created_at`);
    const pollVotes = await rows(tx, sql`
      SELECT v.poll_id, p.title AS poll_title, v.free_text, v.created_at,
             coalesce(array_agg(o.label ORDER BY o.position) FILTER (WHERE o.id IS NOT NULL), '{}') AS choices
        FROM poll_votes v JOIN posts p ON p.id = v.poll_id
        LEFT JOIN poll_vote_choices vc ON vc.poll_id = v.poll_id AND vc.user_id = v.user_id
        LEFT JOIN poll_options o ON o.id = vc.option_id
       WHERE v.user_id = ${userId}
       GROUP BY v.poll_id, p.title, v.free_text, v.created_at ORDER BY v.created_at`);
    // Questions are the member's posts of kind 'question' (asker = author): read through the author index.
    const questions = await rows(tx, sql`
      SELECT q.post_id, p.title, q.asked_at, q.deadline_at, q.answered_at, q.solution_comment_id
        FROM posts p JOIN questions q ON q.post_id = p.id
       WHERE p.author_id = ${userId} ORDER BY q.asked_at`);
    // Attached files of the member's posts, then uploads never attached: both served by an index.
    const attachments = await rows(tx, sql`
      SELECT a.id, a.post_id, a.original_name, a.mime, a.size, a.format, a.alt, a.long_desc_md, a.created_at
        FROM posts p JOIN attachments a ON a.post_id = p.id
       WHERE p.author_id = ${userId} AND a.uploader_id = ${userId}
      UNION ALL
      SELECT a.id, a.post_id, a.original_name, a.mime, a.size, a.format, a.alt, a.long_desc_md, a.created_at
        FROM attachments a WHERE a.uploader_id = ${userId} AND a.post_id IS NULL
      ORDER BY created_at`);
    const sessions = await rows(tx, sql`
      SELECT created_at, last_seen_at, expires_at, absolute_expires_at, user_agent FROM sessions WHERE user_id = ${userId} ORDER BY created_at`);
    // Browsers remembered at sign-in (login limits): when, not which; the token is only stored hashed.
    const knownDevices = await rows(tx, sql`
      SELECT created_at, last_used_at FROM known_devices WHERE user_id = ${userId} ORDER BY created_at`);
    const cguAcceptances = await rows(tx, sql`
      SELECT version, accepted_at FROM cgu_acceptances WHERE user_id = ${userId} ORDER BY version`);
    const mails = (await rows(tx, sql`
      SELECT subject, text, status, created_at FROM mail_outbox WHERE lower(to_address) = lower(${email}) ORDER BY created_at`))
      .map((m) => ({ ...m, text: String(m.text).replace(TOKEN_IN_URL, '$1[masqué]') }));
    const flags = await rows(tx, sql`
      SELECT f.id, f.post_id, f.comment_id, f.reason_code, r.label AS reason, f.comment, f.status, f.created_at, f.handled_at
        FROM flags f LEFT JOIN flag_reasons r ON r.code = f.reason_code
       WHERE f.reporter_id = ${userId} ORDER BY f.created_at`);
    // Actions about the member; the moderator who acted is another member, so not named here.
    const moderationActions = await rows(tx, sql`
      SELECT a.id, c.slug AS community_slug, a.action, a.target_type, a.target_id, a.reason_code, a.message,
             a.before, a.after, a.created_at
        FROM moderation_audit a LEFT JOIN communities c ON c.id = a.community_id
       WHERE a.target_user_id = ${userId} ORDER BY a.created_at`);
    const suspensions = await rows(tx, sql`
      SELECT c.slug AS community_slug, s.until, s.reason, s.created_at
        FROM community_suspensions s JOIN communities c ON c.id = s.community_id
       WHERE s.user_id = ${userId} ORDER BY s.created_at`);

    const more: Record<string, Row[]> = {};
    for (const [key, query] of Object.entries(moreSections(userId))) more[key] = await rows(tx, query);

    const byPost = new Map<unknown, Row[]>();
    for (const r of revisions) {
      const list = byPost.get(r.post_id) ?? [];
      const { post_id: _postId, ...rest } = r;
      list.push(rest);
      byPost.set(r.post_id, list);
    }
    return {
      description: 'Données personnelles détenues par le réseau des e-communautés à votre sujet (droit d’accès et de portabilité, RGPD articles 15 et 20).',
      exportedAt: new Date().toISOString(),
      profile, cguAcceptances, memberships,
      posts: posts.map((p) => ({ ...p, revisions: byPost.get(p.id) ?? [] })),
      comments, reactions, pollVotes, questions, attachments, flags, moderationActions, suspensions, sessions, knownDevices, mails,
      ...more,
    };
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}
