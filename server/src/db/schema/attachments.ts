import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';
import { posts } from './posts.js';

/**
 * What an attachment is for the reader: a plain document or image, or a visual format
 * (mind map, infographic, map) that must come with a long text alternative.
 */
export const attachmentFormat = pgEnum('attachment_format', ['document', 'image', 'carte-mentale', 'infographie', 'carte']);

/**
 * Uploaded files. Uploaded first (post_id null, visible to the uploader only), then attached to a post; or images
 * put in a text from the editor (`inline`), shown to whoever reads the community from the start.
 * The bytes live in the storage under a content-addressed key; the type is the one sniffed from the content.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uploaderId: bigint('uploader_id', { mode: 'number' }).notNull().references(() => users.id),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id),
    postId: bigint('post_id', { mode: 'number' }).references(() => posts.id),
    /** Order on the post page. */
    position: integer('position').notNull().default(0),
    storageKey: text('storage_key').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    originalName: text('original_name').notNull(),
    alt: text('alt').notNull().default(''),
    longDescMd: text('long_desc_md').notNull().default(''),
    longDescHtml: text('long_desc_html').notNull().default(''),
    format: attachmentFormat('format').notNull(),
    sha256: text('sha256').notNull(),
    /** Put in the text of a post or comment by the editor: read by the community's readers, never attached. */
    inline: boolean('inline').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('attachments_post_idx').on(t.postId, t.position, t.id).where(sql`${t.postId} IS NOT NULL`),
    // Uploads never attached, for a clean-up job and for "my pending uploads".
    index('attachments_pending_idx').on(t.uploaderId, t.createdAt).where(sql`${t.postId} IS NULL`),
    // Whether a stored blob is still referenced before deleting it.
    index('attachments_storage_key_idx').on(t.storageKey),
  ],
);

/** Video and map URLs of a post, parsed once into a privacy-enhanced embed URL. */
export const postEmbeds = pgTable(
  'post_embeds',
  {
    postId: bigint('post_id', { mode: 'number' }).notNull().references(() => posts.id),
    position: integer('position').notNull(),
    provider: text('provider').notNull(),
    url: text('url').notNull(),
    embedUrl: text('embed_url').notNull(),
    title: text('title').notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.position] })],
);
