import { sql } from 'drizzle-orm';
import { bigint, check, customType, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { citext, users } from './accounts.js';
import { communities } from './communities.js';
import { dossiers } from './dossiers.js';

/**
 * Networking between peers: invitations that grow a community's audience, the animators' duty
 * roster, and pages co-written by members (with their revisions).
 */

/**
 * An invitation to join a community: to one address (single use) or a shareable link (many uses).
 * Only the token's hash is stored; the clear token exists in the mail or the link only.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    inviterId: bigint('inviter_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** 'email' or 'link'. */
    kind: text('kind').notNull(),
    email: citext('email'),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: bigint('revoked_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    /** Kept by the acceptances, so lists never count rows. */
    acceptedCount: integer('accepted_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invitations_token_key').on(t.tokenHash),
    index('invitations_community_idx').on(t.communityId, t.createdAt.desc(), t.id.desc()),
    // The daily cap counts an inviter's recent invitations.
    index('invitations_inviter_idx').on(t.inviterId, t.createdAt),
    index('invitations_email_idx').on(t.communityId, t.email).where(sql`${t.kind} = 'email'`),
    check('invitations_kind', sql`(${t.kind} = 'email' AND ${t.email} IS NOT NULL) OR (${t.kind} = 'link' AND ${t.email} IS NULL)`),
  ],
);

/**
 * Someone who followed an invitation. `joinedAt` is set when the invitation made them a member:
 * at once for a verified account, at e-mail verification for a new one.
 */
export const invitationAcceptances = pgTable(
  'invitation_acceptances',
  {
    invitationId: bigint('invitation_id', { mode: 'number' }).notNull().references(() => invitations.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow(),
    joinedAt: timestamp('joined_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.invitationId, t.userId] }),
    // Pending acceptances of a user, completed when their address is verified.
    index('invitation_acceptances_pending_idx').on(t.userId).where(sql`${t.joinedAt} IS NULL`),
  ],
);

/** Who among the animators is on duty ("d'astreinte") for an ISO week, Monday in Europe/Paris. */
export const dutyRoster = pgTable(
  'duty_roster',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    animatorId: bigint('animator_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    setBy: bigint('set_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.weekStart] }),
    check('duty_roster_monday', sql`extract(isodow FROM ${t.weekStart}) = 1`),
    // The member's own rows: « Exporter mes données » and account deletion (privacy/).
    index('duty_roster_animator_idx').on(t.animatorId),
  ],
);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A page co-written by a community's members. The row holds the current revision (title, Markdown,
 * HTML rendered at write time) so reading and searching never touch the history.
 */
export const wikiPages = pgTable(
  'wiki_pages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    bodyMd: text('body_md').notNull(),
    bodyHtml: text('body_html').notNull(),
    /** Number of the current revision; saves carry the number they started from. */
    revision: integer('revision').notNull().default(1),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedBy: bigint('locked_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    /**
     * Who has the editor open, until when (renewed every minute while it stays open): others are told that
     * the page is being edited. Advisory only: saves still carry their base revision and conflict.
     */
    editingBy: bigint('editing_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    editingUntil: timestamp('editing_until', { withTimezone: true }),
    createdBy: bigint('created_by', { mode: 'number' }).notNull().references(() => users.id),
    updatedBy: bigint('updated_by', { mode: 'number' }).notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // Same normalisation as posts (migration 0009), so one query finds both.
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`
      setweight(to_tsvector('public.french_unaccent'::regconfig, public.search_normalize(coalesce(title, ''))), 'A')
      || setweight(to_tsvector('public.french_unaccent'::regconfig, public.search_normalize(coalesce(body_md, ''))), 'B')`),
  },
  (t) => [
    index('wiki_pages_community_idx').on(t.communityId, t.updatedAt.desc(), t.id.desc()),
    index('wiki_pages_search_idx').using('gin', t.searchVector),
  ],
);

/** Every saved state of a page; never updated. */
export const wikiRevisions = pgTable(
  'wiki_revisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    pageId: bigint('page_id', { mode: 'number' }).notNull().references(() => wikiPages.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    bodyMd: text('body_md').notNull(),
    bodyHtml: text('body_html').notNull(),
    summary: text('summary').notNull().default(''),
    /** The older revision this one brings back, when it is a restore. */
    restoredFrom: integer('restored_from'),
    authorId: bigint('author_id', { mode: 'number' }).notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Two saves from the same base both claim number base+1: the database lets exactly one in.
    uniqueIndex('wiki_revisions_page_number_key').on(t.pageId, t.number),
    // The member's own rows: « Exporter mes données » and account deletion (privacy/).
    index('wiki_revisions_author_idx').on(t.authorId),
  ],
);

/** Co-written pages placed in a dossier, next to its posts. */
export const dossierPages = pgTable(
  'dossier_pages',
  {
    dossierId: bigint('dossier_id', { mode: 'number' }).notNull().references(() => dossiers.id, { onDelete: 'cascade' }),
    pageId: bigint('page_id', { mode: 'number' }).notNull().references(() => wikiPages.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.pageId] }), index('dossier_pages_order_idx').on(t.dossierId, t.position)],
);
