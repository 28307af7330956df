import type { CurrentUser } from '../../types.js';
import { toIso } from '../../lib/cursor.js';
import { isCommunityStaff } from '../communities/policy.js';
import { commentAbilities, postAbilities, type CommunityAccess } from './policy.js';
import type { CommentRow, PostRow, RevisionRow, SummaryRow } from './queries.js';
import type { CommentOut, PostOut, PostSummaryOut } from '../../../../common/api/posts.js';

/** Rows never leave as they are: these functions list the public fields. */

export function presentSummary(row: SummaryRow): PostSummaryOut {
  return {
    id: row.id,
    community: { id: row.community_id, slug: row.community_slug, name: row.community_name },
    kind: row.kind,
    title: row.title,
    excerpt: row.excerpt,
    author: { id: row.author_id, firstName: row.author_first_name, lastName: row.author_last_name },
    createdAt: toIso(row.created_at),
    editedAt: toIso(row.edited_at),
    commentCount: row.comment_count,
    usefulCount: row.useful_count,
    tags: row.tags ?? [],
    rubrique: row.rubrique_id && row.rubrique_name ? { id: row.rubrique_id, name: row.rubrique_name } : null,
    // Rows of other modules' summaries (search, bookmarks) may not read the column: then nothing is said.
    ...(row.cnfpt_type === undefined ? {} : { cnfpt: row.cnfpt_type && row.cnfpt_url ? { type: row.cnfpt_type, url: row.cnfpt_url } : null }),
    ...(row.is_new === undefined ? {} : { isNew: row.is_new, unreadComments: row.unread_comments ?? null }),
  };
}

export function accessOf(row: PostRow): CommunityAccess {
  return { status: row.community_status, role: row.my_role };
}

export function presentPost(row: PostRow, user: CurrentUser | null): PostOut {
  return {
    ...presentSummary(row),
    bodyHtml: row.body_html,
    bodyMd: row.body_md,
    usefulByMe: row.useful_by_me,
    articleType: row.article_type as PostOut['articleType'],
    link: row.link_url
      ? { url: row.link_url, title: row.link_title, description: row.link_description, source: row.link_source }
      : null,
    sharedPostId: row.shared_post_id,
    shared: row.original ? { ...row.original, createdAt: toIso(row.original.createdAt)! } : null,
    can: postAbilities(user, { authorId: row.author_id, author: { nationalRole: row.author_national_role, role: row.author_role } }, accessOf(row)),
    hidden: row.hidden_at ? { at: toIso(row.hidden_at), reason: row.hidden_reason ?? null } : null,
    moderatedAt: toIso(row.moderated_at ?? null),
  };
}

export function presentComment(row: CommentRow, user: CurrentUser | null, access: CommunityAccess): CommentOut {
  // Hidden by moderation: its author and the moderators keep the text and the reason; others see a placeholder.
  const hidden = Boolean(row.hidden_at) && !row.deleted;
  const masked = hidden && user?.id !== row.author_id && !isCommunityStaff(user, access.role);
  return {
    id: row.id,
    postId: row.post_id,
    replyToId: row.reply_to_id,
    author: { id: row.author_id, firstName: row.author_first_name, lastName: row.author_last_name },
    // A deleted comment keeps its place in the thread but says nothing any more.
    bodyHtml: row.deleted || masked ? '' : row.body_html,
    bodyMd: row.deleted || masked ? '' : row.body_md,
    createdAt: toIso(row.created_at),
    editedAt: toIso(row.edited_at),
    deleted: row.deleted,
    can: commentAbilities(user, { authorId: row.author_id, deleted: row.deleted, author: { nationalRole: row.author_national_role, role: row.author_role } }, access),
    hidden: hidden ? { reason: masked ? null : row.hidden_reason ?? null } : null,
    moderatedAt: toIso(row.moderated_at ?? null),
  };
}

export function presentRevision(row: RevisionRow) {
  return {
    id: row.id,
    title: row.title,
    bodyMd: row.body_md,
    editedBy: { id: row.editor_id, firstName: row.editor_first_name, lastName: row.editor_last_name },
    createdAt: toIso(row.created_at),
  };
}
