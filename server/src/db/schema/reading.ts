import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';
import { posts } from './posts.js';

/**
 * What a person is writing and has not published yet, one row per (person, place). The place says where it
 * will be published: `post:<communityId>`, `comment:<postId>`, `message:<conversationId>`,
 * `report:<reportId>:<section>`. Saved as they type, so another device finds it.
 */
export const drafts = pgTable(
  'drafts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    place: text('place').notNull(),
    title: text('title').notNull().default(''),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('drafts_user_place_key').on(t.userId, t.place),
    // « Mes brouillons »: the most recently touched first.
    index('drafts_user_updated_idx').on(t.userId, t.updatedAt.desc(), t.id.desc()),
  ],
);

/**
 * Where a person stopped reading a post: the newest comment shown then and the post's comment count then,
 * so a feed shows « n nouveaux commentaires » by one primary-key lookup per row and the post page marks the
 * first unread comment.
 */
export const postReads = pgTable(
  'post_reads',
  {
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    postId: bigint('post_id', { mode: 'number' }).notNull().references(() => posts.id, { onDelete: 'cascade' }),
    lastCommentId: bigint('last_comment_id', { mode: 'number' }),
    commentsSeen: integer('comments_seen').notNull().default(0),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.postId] })],
);

/**
 * A person's visits to a community. `visitedAt` is the current visit; it becomes `previousVisitAt` once the
 * person comes back after a pause, so posts newer than `previousVisitAt` are « nouveaux » for the whole visit.
 */
export const communityVisits = pgTable(
  'community_visits',
  {
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull().defaultNow(),
    previousVisitAt: timestamp('previous_visit_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.communityId] })],
);

/** Posts a person saved (« Enregistrer ») to find again. */
export const bookmarks = pgTable(
  'bookmarks',
  {
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    postId: bigint('post_id', { mode: 'number' }).notNull().references(() => posts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.postId] }),
    index('bookmarks_user_created_idx').on(t.userId, t.createdAt.desc(), t.postId.desc()),
  ],
);
