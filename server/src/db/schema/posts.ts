import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';

/**
 * What a post is. Kind-specific data lives in the kind's own table (events, polls, questions...)
 * keyed by the post id, so the feed reads one narrow table.
 */
export const postKind = pgEnum('post_kind', ['discussion', 'question', 'article', 'veille', 'ressource', 'evenement', 'sondage', 'partage']);

/** The type of an article (rédaction): what kind of writing the animator offers. */
export const articleType = pgEnum('article_type', ['expertise', 'analyse_reglementaire', 'contextualisation_veille', 'retour_experience', 'autre']);

/** Sections a community defines for its posts, in the order its staff chose. */
export const rubriques = pgTable(
  'rubriques',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rubriques_community_name_key').on(t.communityId, sql`lower(${t.name})`),
    index('rubriques_community_position_idx').on(t.communityId, t.position, t.id),
  ],
);

export const posts = pgTable(
  'posts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id),
    authorId: bigint('author_id', { mode: 'number' }).notNull().references(() => users.id),
    kind: postKind('kind').notNull().default('discussion'),
    title: text('title').notNull(),
    bodyMd: text('body_md').notNull(),
    /** Sanitized HTML rendered once at write time; reading never re-renders. */
    bodyHtml: text('body_html').notNull(),
    /** Plain-text excerpt computed at write time, so feeds never touch the Markdown. */
    excerpt: text('excerpt').notNull().default(''),
    commentCount: integer('comment_count').notNull().default(0),
    usefulCount: integer('useful_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: bigint('deleted_by', { mode: 'number' }).references(() => users.id),
    /** Articles only. */
    articleType: articleType('article_type'),
    /** Veille and ressource: the link, its source and the title/description the animator kept. */
    linkUrl: text('link_url'),
    linkTitle: text('link_title'),
    linkDescription: text('link_description'),
    linkSource: text('link_source'),
    /**
     * A « ressource CNFPT »: a ressource whose link is the CNFPT catalogue entry, with what it is
     * (formation, numéro de la LID, publication, autre). Null for every other post.
     */
    cnfptType: text('cnfpt_type'),
    /** Partage: the post shared from another e-community. */
    sharedPostId: bigint('shared_post_id', { mode: 'number' }).references((): AnyPgColumn => posts.id),
    rubriqueId: bigint('rubrique_id', { mode: 'number' }).references(() => rubriques.id, { onDelete: 'set null' }),
    /** Free tags, lowercase, at most 10 (normalised by the posts service). */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** Hidden by moderation: readers no longer see it; its author sees it with the reason. */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason'),
    /** Edited or anonymised by moderation on the author's behalf: shown as « modéré ». */
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
    /**
     * Bumped by a trigger whenever one of the post's comments changes, so that the row's xmin
     * changes too: xmin is the version the post page cache (posts/page-cache.ts) checks.
     */
    pageVersion: integer('page_version').notNull().default(0),
  },
  (t) => [
    // Partial: feeds only ever list live posts, so deleted ones cost nothing to skip.
    index('posts_community_feed_idx').on(t.communityId, t.createdAt.desc(), t.id.desc()).where(sql`${t.deletedAt} IS NULL`),
    index('posts_author_idx').on(t.authorId, t.createdAt.desc()),
    // Feed filtered by kind, by rubrique, by tag.
    index('posts_community_kind_feed_idx').on(t.communityId, t.kind, t.createdAt.desc(), t.id.desc()).where(sql`${t.deletedAt} IS NULL`),
    index('posts_rubrique_feed_idx').on(t.rubriqueId, t.createdAt.desc(), t.id.desc()).where(sql`${t.deletedAt} IS NULL AND ${t.rubriqueId} IS NOT NULL`),
    index('posts_tags_idx').using('gin', t.tags).where(sql`${t.deletedAt} IS NULL`),
    // A post is shared at most once into a given community.
    uniqueIndex('posts_shared_once_key').on(t.communityId, t.sharedPostId).where(sql`${t.sharedPostId} IS NOT NULL AND ${t.deletedAt} IS NULL`),
    index('posts_shared_post_idx').on(t.sharedPostId).where(sql`${t.sharedPostId} IS NOT NULL`),
    // Title suggestions while writing (citing a post): accent-insensitive substring match.
    // CNFPT resources promoted in a community in a month (animator dashboard, activity report).
    index('posts_cnfpt_month_idx').on(t.communityId, t.createdAt).where(sql`${t.cnfptType} IS NOT NULL AND ${t.deletedAt} IS NULL`),
    check('posts_cnfpt_type', sql`${t.cnfptType} IS NULL OR (${t.kind} = 'ressource' AND ${t.cnfptType} IN ('formation', 'lid', 'publication', 'autre'))`),
    index('posts_title_trgm').using('gin', sql`(immutable_unaccent(lower(${t.title}))) gin_trgm_ops`),
  ],
);

/** Every edit keeps the previous version here: the history of a post. */
export const postRevisions = pgTable(
  'post_revisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    postId: bigint('post_id', { mode: 'number' }).notNull().references(() => posts.id),
    title: text('title').notNull(),
    bodyMd: text('body_md').notNull(),
    editedBy: bigint('edited_by', { mode: 'number' }).notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('post_revisions_post_idx').on(t.postId, t.createdAt)],
);

export const comments = pgTable(
  'comments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    postId: bigint('post_id', { mode: 'number' }).notNull().references(() => posts.id),
    authorId: bigint('author_id', { mode: 'number' }).notNull().references(() => users.id),
    replyToId: bigint('reply_to_id', { mode: 'number' }).references((): AnyPgColumn => comments.id),
    bodyMd: text('body_md').notNull(),
    bodyHtml: text('body_html').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: bigint('deleted_by', { mode: 'number' }).references(() => users.id),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason'),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
  },
  (t) => [index('comments_post_idx').on(t.postId, t.createdAt, t.id), index('comments_author_idx').on(t.authorId, t.createdAt.desc())],
);

/** The "utile" reaction: one per member and post, enforced by the primary key. */
export const postReactions = pgTable(
  'post_reactions',
  {
    postId: bigint('post_id', { mode: 'number' }).notNull().references(() => posts.id),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // By member: data export and account deletion (privacy module).
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index('post_reactions_user_idx').on(t.userId)],
);
