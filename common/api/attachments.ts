import { Type, type Static } from 'typebox';
import { ATTACHMENT_FORMATS, type AttachmentFormat } from '../attachments.js';
import { LIMITS } from '../limits.js';
import { Id } from './shared.js';

/**
 * Route schemas of the attachments module (files and embeds of a post): the only definition of its request
 * and response shapes. The server validates with them, the web client reads their types.
 */

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
  // Unsafe names the static type only (a union built by map() is read as never); the JSON schema is the union.
  format: Type.Unsafe<AttachmentFormat>(Type.Union(ATTACHMENT_FORMATS.map((f) => Type.Literal(f)))),
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

/** The client's names for what it sends and reads. */
export type Attachment = AttachmentOut;
export type Embed = EmbedOut;
export type PostMedia = Static<typeof PostMedia>;
export type EmbedsInput = Static<typeof EmbedsBody>;
