import { Type, type Static } from 'typebox';
import { ATTACHMENT_FORMATS } from '../../../../common/attachments.js';
import { LIMITS } from '../../../../common/limits.js';
import { Id } from '../../lib/schemas.js';

export const Attachment = Type.Object({
  id: Type.Integer(),
  postId: Type.Union([Type.Integer(), Type.Null()]),
  /** Download address, with the file name for a readable URL. */
  url: Type.String(),
  mime: Type.String(),
  family: Type.Union([Type.Literal('image'), Type.Literal('pdf'), Type.Literal('office')]),
  size: Type.Integer(),
  name: Type.String(),
  alt: Type.String(),
  longDescHtml: Type.String(),
  format: Type.Union(ATTACHMENT_FORMATS.map((f) => Type.Literal(f))),
  createdAt: Type.String(),
  can: Type.Object({ delete: Type.Boolean() }),
});
export type AttachmentOut = Static<typeof Attachment>;

export const Embed = Type.Object({
  position: Type.Integer(),
  provider: Type.String(),
  url: Type.String(),
  embedUrl: Type.String(),
  title: Type.String(),
});
export type EmbedOut = Static<typeof Embed>;

export const PostMedia = Type.Object({
  attachments: Type.Array(Attachment),
  embeds: Type.Array(Embed),
  can: Type.Object({ manage: Type.Boolean() }),
});

export const AttachmentIdsBody = Type.Object(
  { ids: Type.Array(Id, { maxItems: LIMITS.attachmentsPerPost, uniqueItems: true }) },
  { additionalProperties: false },
);

export const EmbedsBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          url: Type.String({ minLength: 1, maxLength: LIMITS.embedUrl }),
          title: Type.Optional(Type.String({ maxLength: LIMITS.embedTitle })),
        },
        { additionalProperties: false },
      ),
      { maxItems: LIMITS.embedsPerPost },
    ),
  },
  { additionalProperties: false },
);

export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: LIMITS.communitySlug }) });
export const FileParams = Type.Object({
  id: Id,
  filename: Type.String({ maxLength: 400 }),
});
