import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, check } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';

export const communityStatus = pgEnum('community_status', ['draft', 'open', 'archived']);

export const communities = pgTable(
  'communities',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    perimeter: text('perimeter').notNull().default(''),
    targetAudience: text('target_audience').notNull().default(''),
    editorialLine: text('editorial_line').notNull().default(''),
    status: communityStatus('status').notNull().default('draft'),
    launchDate: date('launch_date', { mode: 'string' }),
    /** Kept by the join/leave transactions so the directory never counts rows. */
    memberCount: integer('member_count').notNull().default(0),
    postCount: integer('post_count').notNull().default(0),
    /**
     * Bumped by a trigger whenever a post of the community changes in a way its feed pages keep (new, edited,
     * deleted, hidden, moved) or a rubrique is renamed: the version the feed page cache (posts/feed-cache.ts)
     * checks, read with the community row every feed request loads anyway. Counters are read live instead.
     */
    feedVersion: bigint('feed_version', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('communities_slug_key').on(t.slug),
    index('communities_status_name_idx').on(t.status, t.name),
    // Directory order and its keyset cursor (name, id).
    index('communities_name_id_idx').on(t.name, t.id),
    // Directory filter `q`: accent-insensitive substring match.
    index('communities_name_trgm').using('gin', sql`(immutable_unaccent(lower(${t.name}))) gin_trgm_ops`),
  ],
);

/** Symmetric relation stored once per direction, so lookups need one index scan. */
export const communityRelations = pgTable(
  'community_relations',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    relatedId: bigint('related_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.relatedId] }), check('community_relations_not_self', sql`${t.communityId} <> ${t.relatedId}`)],
);

export const communityRole = pgEnum('community_role', ['member', 'animator', 'coordinator']);

export const memberships = pgTable(
  'memberships',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: communityRole('role').notNull().default('member'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    roleGrantedBy: bigint('role_granted_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.userId] }),
    index('memberships_user_idx').on(t.userId, t.communityId),
    index('memberships_community_role_idx').on(t.communityId, t.role),
    // Members list, newest first, whole or by role: keyset (joined_at, user_id).
    index('memberships_community_joined_idx').on(t.communityId, t.joinedAt.desc(), t.userId.desc()),
    index('memberships_community_role_joined_idx').on(t.communityId, t.role, t.joinedAt.desc(), t.userId.desc()),
  ],
);
