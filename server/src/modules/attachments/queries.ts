import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { CurrentUser } from '../../types.js';
import type { CommunityRole, CommunityStatus } from '../communities/policy.js';

export interface AttachmentRow extends Record<string, unknown> {
  id: number;
  uploader_id: number;
  community_id: number;
  post_id: number | null;
  position: number;
  storage_key: string;
  mime: string;
  size: number;
  original_name: string;
  alt: string;
  long_desc_html: string;
  format: string;
  sha256: string;
  inline: boolean;
  created_at: string;
}

/** The attachment and what decides who may read it, in one indexed query. */
export interface AttachmentContextRow extends AttachmentRow {
  community_status: CommunityStatus;
  my_role: CommunityRole | null;
  post_deleted: boolean;
  post_hidden: boolean;
  post_author_id: number | null;
}

const COLUMNS = sql`a.id, a.uploader_id, a.community_id, a.post_id, a.position, a.storage_key, a.mime, a.size,
  a.original_name, a.alt, a.long_desc_html, a.format, a.sha256, a.inline, a.created_at`;

export async function findAttachment(db: DbOrTx, id: number, user: CurrentUser | null): Promise<AttachmentContextRow | undefined> {
  const { rows } = await db.execute<AttachmentContextRow>(sql`
    SELECT ${COLUMNS}, c.status AS community_status, m.role AS my_role, (p.deleted_at IS NOT NULL) AS post_deleted,
           (p.hidden_at IS NOT NULL) AS post_hidden, p.author_id AS post_author_id
      FROM attachments a
      JOIN communities c ON c.id = a.community_id
      LEFT JOIN posts p ON p.id = a.post_id
      LEFT JOIN memberships m ON m.community_id = a.community_id AND m.user_id = ${user?.id ?? null}
     WHERE a.id = ${id}`);
  return rows[0];
}

/** A post's attachments in display order (attachments_post_idx). */
export async function listPostAttachments(db: DbOrTx, postId: number): Promise<AttachmentRow[]> {
  const { rows } = await db.execute<AttachmentRow>(sql`
    SELECT ${COLUMNS} FROM attachments a WHERE a.post_id = ${postId} ORDER BY a.position, a.id`);
  return rows;
}

export interface EmbedRow extends Record<string, unknown> {
  position: number;
  provider: string;
  url: string;
  embed_url: string;
  title: string;
}

export async function listPostEmbeds(db: DbOrTx, postId: number): Promise<EmbedRow[]> {
  const { rows } = await db.execute<EmbedRow>(sql`
    SELECT position, provider, url, embed_url, title FROM post_embeds WHERE post_id = ${postId} ORDER BY position`);
  return rows;
}
