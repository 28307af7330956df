import { allowedType } from '../../../../common/attachments.js';
import type { CurrentUser } from '../../types.js';
import type { CommunityRole, CommunityStatus } from '../communities/policy.js';
import { canDeleteAttachment } from './policy.js';
import type { AttachmentRow, EmbedRow } from './queries.js';
import type { AttachmentOut, EmbedOut } from '../../../../common/api/attachments.js';

export function attachmentUrl(row: { id: number; original_name: string }): string {
  return `/api/attachments/${row.id}/${encodeURIComponent(row.original_name)}`;
}

export function presentAttachment(
  row: AttachmentRow,
  user: CurrentUser | null,
  access: { communityStatus: CommunityStatus; myRole: CommunityRole | null; postDeleted?: boolean },
): AttachmentOut {
  return {
    id: row.id,
    postId: row.post_id,
    url: attachmentUrl(row),
    mime: row.mime,
    family: allowedType(row.mime)?.family ?? 'office',
    size: row.size,
    name: row.original_name,
    alt: row.alt,
    longDescHtml: row.long_desc_html,
    format: row.format as AttachmentOut['format'],
    createdAt: new Date(row.created_at).toISOString(),
    can: {
      delete: canDeleteAttachment(user, {
        // Listed with a post its reader already sees: hidden or not, deleting the file is the same decision.
        uploaderId: row.uploader_id, postId: row.post_id, inline: row.inline, postDeleted: access.postDeleted ?? false, postHidden: false, postAuthorId: null,
        communityStatus: access.communityStatus, myRole: access.myRole,
      }),
    },
  };
}

export function presentEmbed(row: EmbedRow): EmbedOut {
  return { position: row.position, provider: row.provider, url: row.url, embedUrl: row.embed_url, title: row.title };
}
