import { sql } from 'drizzle-orm';
import { bigint, boolean, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';
import { posts } from './posts.js';

export const pollResultsVisibility = pgEnum('poll_results_visibility', ['live', 'after_close']);

/** A poll is a post of kind 'sondage'; this row holds what only polls have. */
export const polls = pgTable(
  'polls',
  {
    postId: bigint('post_id', { mode: 'number' }).primaryKey().references(() => posts.id),
    /** Copied from the post so the community's poll list is read off one index. */
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id),
    multiple: boolean('multiple').notNull().default(false),
    allowFreeText: boolean('allow_free_text').notNull().default(false),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    resultsVisibility: pollResultsVisibility('results_visibility').notNull().default('live'),
    /** The post that reports the results, once published. */
    resultsPostId: bigint('results_post_id', { mode: 'number' }).references(() => posts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('polls_community_idx').on(t.communityId, t.createdAt.desc(), t.postId.desc())],
);

export const pollOptions = pgTable(
  'poll_options',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    pollId: bigint('poll_id', { mode: 'number' }).notNull().references(() => polls.postId, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    label: text('label').notNull(),
  },
  (t) => [
    unique('poll_options_poll_position_key').on(t.pollId, t.position),
    // Target of poll_vote_choices' composite key: a choice can only name an option of its own poll.
    unique('poll_options_poll_id_key').on(t.pollId, t.id),
  ],
);

/** One row per voter: the primary key is what makes "one vote per member" true under concurrency. */
export const pollVotes = pgTable(
  'poll_votes',
  {
    pollId: bigint('poll_id', { mode: 'number' }).notNull().references(() => polls.postId, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    freeText: text('free_text'),
  },
  (t) => [
    primaryKey({ columns: [t.pollId, t.userId] }),
    // Staff read the free-text answers newest first, page by page.
    index('poll_votes_free_text_idx').on(t.pollId, t.createdAt.desc(), t.userId.desc()).where(sql`${t.freeText} IS NOT NULL`),
    // By member: data export and account deletion (privacy module).
    index('poll_votes_user_idx').on(t.userId),
  ],
);

export const pollVoteChoices = pgTable(
  'poll_vote_choices',
  {
    pollId: bigint('poll_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    optionId: bigint('option_id', { mode: 'number' }).notNull(),
  },
  (t) => [
    // (poll, option) first: the results are a GROUP BY read from this index alone.
    primaryKey({ columns: [t.pollId, t.optionId, t.userId] }),
    index('poll_vote_choices_voter_idx').on(t.pollId, t.userId),
    foreignKey({ columns: [t.pollId, t.userId], foreignColumns: [pollVotes.pollId, pollVotes.userId] }).onDelete('cascade'),
    foreignKey({ columns: [t.pollId, t.optionId], foreignColumns: [pollOptions.pollId, pollOptions.id] }).onDelete('cascade'),
  ],
);
