import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { hasNul } from '../../plugins/input-guard.js';
import { isoText, toIso, type PgKeyset } from '../../lib/cursor.js';
import { regionOf } from '../../../../common/territories.js';
import type { CurrentUser } from '../../types.js';
import { isNationalAdmin } from '../communities/policy.js';
import { visibleFields, type Visibility } from './policy.js';
import type { SettingsOut } from '../../../../common/api/directory.js';

/**
 * The member directory walks members alphabetically on the unaccented "last first" key, a keyset
 * served by users_directory_sort_idx (or its per-département twin). A detail filter (job, employer,
 * territory) only matches a member who shows that detail: a search must not reveal what a profile hides.
 */

/** The alphabetical key, "last first" lowercase and unaccented: a stored column (users.sort_key) under users_directory_sort_idx. */
const SORT_KEY = sql.raw('u.sort_key');

export interface DirectoryCursor { key: string; id: number }

export function encodeDirectoryCursor(c: DirectoryCursor): string {
  return Buffer.from(JSON.stringify([c.key, c.id])).toString('base64url');
}

export function decodeDirectoryCursor(cursor: string | undefined): DirectoryCursor | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && value[0].length <= 200 && !hasNul(value[0])
      && Number.isSafeInteger(value[1]) && value[1] > 0) return { key: value[0], id: value[1] };
  } catch { /* falls through to the stable error */ }
  throw new AppError('INVALID_CURSOR');
}

export interface DirectoryFilters {
  q?: string;
  job?: string;
  employer?: string;
  departement?: string;
  departements?: readonly string[];
  communityId?: number;
}

interface MemberRow extends Record<string, unknown> {
  id: number; first_name: string; last_name: string; employer: string; job: string; departement: string;
  show_employer: boolean; show_job: boolean; show_territory: boolean;
}

const like = (s: string) => `%${s.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A text array parameter (drizzle would spread a JS array into a list of parameters). */
function textArray(values: readonly string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`;
}

/** A misspelt name can resemble thousands of names: the closest ones only. */
const FUZZY_CANDIDATES = 500;

/**
 * How a name query is served. Most people type a surname, or "first last": the unaccented sort key
 * ("last first") then holds a prefix range on users_directory_sort_idx, already in page order. Anything
 * else (a typo, a first name alone) falls back to trigrams on users_name_trgm.
 * The choice depends only on the query and the data, so every page of one search uses the same one.
 */
async function nameMode(db: DbOrTx, needle: string): Promise<{ prefix: string } | { fuzzy: true }> {
  const words = needle.split(' ');
  const rotated = words.length > 1 ? [...words.slice(1), words[0]].join(' ') : needle;
  const { rows } = await db.execute<{ k: string }>(sql`
    SELECT v.k FROM (VALUES (1, immutable_unaccent(${needle})), (2, immutable_unaccent(${rotated}))) AS v(o, k)
     WHERE EXISTS (SELECT 1 FROM users u WHERE u.deleted_at IS NULL AND u.banned_at IS NULL
                      AND ${SORT_KEY} >= v.k AND ${SORT_KEY} < v.k || chr(1114111))
     ORDER BY v.o LIMIT 1`);
  return rows[0] ? { prefix: rows[0].k } : { fuzzy: true };
}

const NAME_KEY = (alias: string) => sql.raw(`${alias}.name_key`);

export async function searchDirectory(db: DbOrTx, f: DirectoryFilters, cursor: DirectoryCursor | undefined, limit: number) {
  // Every filter is a condition on plain columns of users (the stored keys) and member_settings, so
  // PostgreSQL weighs, with its statistics, walking users_directory_sort_idx in page order against
  // collecting rare matches through a trigram index and sorting them.
  const where: SQL[] = [sql`coalesce(s.listed, true)`];
  if (f.q) {
    const needle = f.q.trim().toLowerCase().replace(/\s+/g, ' ');
    const mode = await nameMode(db, needle);
    if ('prefix' in mode) {
      const { prefix } = mode;
      where.push(sql`${SORT_KEY} >= ${prefix} AND ${SORT_KEY} < ${prefix} || chr(1114111)`);
    } else {
      // Word similarity tolerates a typo in one name and finds a fragment of three letters or more;
      // a misspelt name can resemble thousands of names, so only the closest ones are kept.
      where.push(sql`u.id = ANY(ARRAY(SELECT n.id FROM users n WHERE immutable_unaccent(${needle}) <% ${NAME_KEY('n')}
        ORDER BY word_similarity(immutable_unaccent(${needle}), ${NAME_KEY('n')}) DESC, n.id LIMIT ${FUZZY_CANDIDATES}))`);
    }
  }
  // A detail filter only matches a member who shows that detail.
  if (f.job) where.push(sql`s.show_job AND u.job_key LIKE immutable_unaccent(${like(f.job)})`);
  if (f.employer) where.push(sql`s.show_employer AND u.employer_key LIKE immutable_unaccent(${like(f.employer)})`);
  if (f.departement) where.push(sql`s.show_territory AND u.departement = ${f.departement}`);
  if (f.departements) where.push(sql`s.show_territory AND u.departement = ANY(${textArray(f.departements)})`);
  if (f.communityId) where.push(sql`EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.community_id = ${f.communityId})`);
  const after = cursor ? sql`AND (${SORT_KEY}, u.id) > (${cursor.key}, ${cursor.id}::bigint)` : sql``;
  const rows = (await db.execute<MemberRow & { sort_key: string }>(sql`
    SELECT u.id, u.first_name, u.last_name, u.employer, u.job, u.departement, u.sort_key,
           coalesce(s.show_employer, false) AS show_employer, coalesce(s.show_job, false) AS show_job,
           coalesce(s.show_territory, false) AS show_territory
      FROM users u LEFT JOIN member_settings s ON s.user_id = u.id
     WHERE u.deleted_at IS NULL AND u.banned_at IS NULL ${after}
       AND ${sql.join(where, sql` AND `)}
     ORDER BY u.sort_key, u.id
     LIMIT ${limit + 1}`)).rows;
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => presentEntry(r, { showEmployer: r.show_employer, showJob: r.show_job, showTerritory: r.show_territory, showEmail: false })),
    nextCursor: rows.length > limit && last ? encodeDirectoryCursor({ key: last.sort_key, id: Number(last.id) }) : null,
  };
}

function presentEntry(r: MemberRow, v: Visibility) {
  const territory = v.showTerritory && r.departement ? r.departement : null;
  const region = territory ? regionOf(territory) : null;
  return {
    id: Number(r.id), firstName: r.first_name, lastName: r.last_name,
    employer: v.showEmployer && r.employer ? r.employer : null,
    job: v.showJob && r.job ? r.job : null,
    departement: territory,
    region: region ? { code: region.code, name: region.name } : null,
  };
}

const DEFAULT_SETTINGS: SettingsOut = {
  listed: true, showEmployer: false, showJob: false, showTerritory: false, showEmail: false, messageEmail: true,
};

export async function loadSettings(db: DbOrTx, userId: number): Promise<SettingsOut> {
  const { rows } = await db.execute<{ listed: boolean; show_employer: boolean; show_job: boolean; show_territory: boolean; show_email: boolean; message_email: boolean }>(sql`
    SELECT listed, show_employer, show_job, show_territory, show_email, message_email FROM member_settings WHERE user_id = ${userId}`);
  const r = rows[0];
  if (!r) return { ...DEFAULT_SETTINGS };
  return {
    listed: r.listed, showEmployer: r.show_employer, showJob: r.show_job,
    showTerritory: r.show_territory, showEmail: r.show_email, messageEmail: r.message_email,
  };
}

/** Writes the whole set (the defaults filled in for a first save); returns what is stored. */
export async function saveSettings(db: DbOrTx, userId: number, change: Partial<SettingsOut>): Promise<SettingsOut> {
  const next = { ...(await loadSettings(db, userId)), ...change };
  await db.execute(sql`
    INSERT INTO member_settings (user_id, listed, show_employer, show_job, show_territory, show_email, message_email, updated_at)
    VALUES (${userId}, ${next.listed}, ${next.showEmployer}, ${next.showJob}, ${next.showTerritory}, ${next.showEmail}, ${next.messageEmail}, now())
    ON CONFLICT (user_id) DO UPDATE SET listed = EXCLUDED.listed, show_employer = EXCLUDED.show_employer,
      show_job = EXCLUDED.show_job, show_territory = EXCLUDED.show_territory, show_email = EXCLUDED.show_email,
      message_email = EXCLUDED.message_email, updated_at = now()`);
  return next;
}

interface ProfileRow extends MemberRow {
  email: string; bio: string; created_at: string; show_email: boolean; blocked_by_me: boolean; blocked_me: boolean;
}

/**
 * One member as `viewer` may see them, with whether either has blocked the other; null when the
 * account is deleted or banned (a profile of someone no longer reachable is not shown).
 */
export async function loadProfile(db: DbOrTx, viewer: CurrentUser, id: number) {
  const { rows } = await db.execute<ProfileRow>(sql`
    SELECT u.id, u.first_name, u.last_name, u.employer, u.job, u.departement, u.email, u.bio,
           ${isoText('u.created_at')} AS created_at,
           coalesce(s.show_employer, false) AS show_employer, coalesce(s.show_job, false) AS show_job,
           coalesce(s.show_territory, false) AS show_territory, coalesce(s.show_email, false) AS show_email,
           EXISTS (SELECT 1 FROM member_blocks b WHERE b.blocker_id = ${viewer.id} AND b.blocked_id = u.id) AS blocked_by_me,
           EXISTS (SELECT 1 FROM member_blocks b WHERE b.blocker_id = u.id AND b.blocked_id = ${viewer.id}) AS blocked_me
      FROM users u LEFT JOIN member_settings s ON s.user_id = u.id
     WHERE u.id = ${id} AND u.deleted_at IS NULL AND u.banned_at IS NULL`);
  const r = rows[0];
  if (!r) return null;
  const v = visibleFields(viewer, Number(r.id), {
    showEmployer: r.show_employer, showJob: r.show_job, showTerritory: r.show_territory, showEmail: r.show_email,
  });
  return {
    entry: { ...presentEntry(r, v), email: v.showEmail ? r.email : null, bio: r.bio, createdAt: toIso(r.created_at) },
    blockedByMe: r.blocked_by_me,
    blockedMe: r.blocked_me,
  };
}

interface ContributionRow extends Record<string, unknown> {
  id: number; created_at: string; kind: string; title: string; excerpt: string; comment_count: number; slug: string; name: string;
}

/**
 * A member's posts the viewer may read, newest first, on posts_author_idx. Drafts' posts only for
 * those who see the draft (its coordinators and the national team), hidden and deleted posts never.
 */
export async function listContributions(db: DbOrTx, viewer: CurrentUser, authorId: number, cursor: PgKeyset | undefined, limit: number) {
  const before = cursor ? sql`AND (p.created_at, p.id) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)` : sql``;
  const { rows } = await db.execute<ContributionRow>(sql`
    SELECT p.id, ${isoText('p.created_at')} AS created_at, p.kind, p.title, p.excerpt, p.comment_count, c.slug, c.name
      FROM posts p JOIN communities c ON c.id = p.community_id
     WHERE p.author_id = ${authorId} AND p.deleted_at IS NULL AND p.hidden_at IS NULL ${before}
       AND (c.status <> 'draft' OR ${isNationalAdmin(viewer)}
            OR EXISTS (SELECT 1 FROM memberships vm WHERE vm.community_id = c.id AND vm.user_id = ${viewer.id} AND vm.role = 'coordinator'))
     ORDER BY p.created_at DESC, p.id DESC
     LIMIT ${limit + 1}`);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export function presentContribution(r: ContributionRow) {
  return {
    id: r.id, kind: r.kind, title: r.title, excerpt: r.excerpt, commentCount: Number(r.comment_count),
    createdAt: toIso(r.created_at), community: { slug: r.slug, name: r.name },
  };
}
