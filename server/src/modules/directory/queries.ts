import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { isoText, toIso, type PgKeyset } from '../../lib/cursor.js';
import { regionOf } from '../../../../common/territories.js';
import type { CurrentUser } from '../../types.js';
import { isNationalAdmin } from '../communities/policy.js';
import { visibleFields, type Visibility } from './policy.js';
import type { SettingsOut } from './schema.js';

/**
 * The member directory walks members alphabetically on the unaccented "last first" key, a keyset
 * served by users_directory_sort_idx (or its per-département twin). A detail filter (job, employer,
 * territory) only matches a member who shows that detail: a search must not reveal what a profile hides.
 */

/** Must stay identical to the expression of users_directory_sort_idx and users_directory_departement_idx. */
const SORT_KEY = sql.raw(`immutable_unaccent(lower(u.last_name || ' ' || u.first_name))`);
/**
 * The same key through unaccent itself. The immutable wrapper is a SQL function PostgreSQL does not
 * inline (its body is only STABLE), about twice as slow per call: where no index order is needed (a
 * few hundred candidates to sort), this form is used. Both give the same text, so cursors mix freely.
 */
const FAST_KEY = sql.raw(`public.unaccent('public.unaccent'::regdictionary, lower(u.last_name || ' ' || u.first_name))`);

export interface DirectoryCursor { key: string; id: number }

export function encodeDirectoryCursor(c: DirectoryCursor): string {
  return Buffer.from(JSON.stringify([c.key, c.id])).toString('base64url');
}

export function decodeDirectoryCursor(cursor: string | undefined): DirectoryCursor | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && value[0].length <= 200
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

/**
 * A job or employer text shared by many members is met every few rows of the alphabet: walking this
 * many rows of users_directory_sort_idx usually fills a page. When it does not, the filter is rare and
 * its trigram index finds the few members instead. Both give the same rows in the same order.
 */
const WALK_ROWS = 5000;
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

const NAME_EXPR = (alias: string) => sql.raw(`immutable_unaccent(lower(${alias}.first_name || ' ' || ${alias}.last_name))`);

export async function searchDirectory(db: DbOrTx, f: DirectoryFilters, cursor: DirectoryCursor | undefined, limit: number) {
  // Conditions every plan shares; `walked` test the rows of the alphabetical window one by one;
  // `found` (on users only) collect the members through trigram indexes when the window falls short.
  const base: SQL[] = [sql`coalesce(s.listed, true)`];
  const walked: SQL[] = [];
  const found: SQL[] = [];
  let closest: SQL | null = null;
  let prefix: string | null = null;
  const inPrefix = (key: SQL) => (prefix === null ? [] : [sql`${key} >= ${prefix} AND ${key} < ${prefix} || chr(1114111)`]);
  if (f.q) {
    const needle = f.q.trim().toLowerCase().replace(/\s+/g, ' ');
    const mode = await nameMode(db, needle);
    if ('prefix' in mode) {
      prefix = mode.prefix;
    } else {
      // Word similarity tolerates a typo in one name and finds a fragment of three letters or more.
      found.push(sql`immutable_unaccent(${needle}) <% ${NAME_EXPR('n')}`);
      closest = sql`word_similarity(immutable_unaccent(${needle}),
        public.unaccent('public.unaccent'::regdictionary, lower(n.first_name || ' ' || n.last_name))) DESC, n.id`;
    }
  }
  for (const column of ['job', 'employer'] as const) {
    const text = f[column];
    if (!text) continue;
    base.push(column === 'job' ? sql`s.show_job` : sql`s.show_employer`);
    const expr = (a: string) => sql.raw(`immutable_unaccent(lower(${a}.${column}))`);
    // Tested on each row of the window, so through unaccent itself (see FAST_KEY), not the wrapper.
    walked.push(sql`strpos(public.unaccent('public.unaccent'::regdictionary, lower(u.${sql.raw(column)})), immutable_unaccent(${text.trim().toLowerCase()})) > 0`);
    found.push(sql`${expr('n')} LIKE immutable_unaccent(${like(text)})`);
  }
  if (f.departement) {
    base.push(sql`s.show_territory AND u.departement = ${f.departement}`);
    found.push(sql`n.departement = ${f.departement}`);
  }
  if (f.departements) {
    base.push(sql`s.show_territory AND u.departement = ANY(${textArray(f.departements)})`);
    found.push(sql`n.departement = ANY(${textArray(f.departements)})`);
  }
  if (f.communityId) base.push(sql`EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.community_id = ${f.communityId})`);
  // The territory narrows the trigram matches inside the index scan (bitmap AND), before any row is read.
  const narrowed = walked.length > 0 || closest !== null;
  const indexed = !narrowed ? [] : [sql`u.id = ANY(ARRAY(SELECT n.id FROM users n WHERE ${sql.join(found, sql` AND `)}
    ${closest ? sql`ORDER BY ${closest} LIMIT ${FUZZY_CANDIDATES}` : sql``}))`];
  const after = cursor ? sql`AND (${SORT_KEY}, u.id) > (${cursor.key}, ${cursor.id}::bigint)` : sql``;
  let rows: (MemberRow & { sort_key: string })[] | null = null;
  if (walked.length > 0 && closest === null) {
    // The window (inside the name's prefix range, if any) hands its rows out in index order under the
    // name sort_key; ordering by that column
    // (not by the expression) lets PostgreSQL keep that order and stop at the page, testing the
    // member_settings row of the candidates only.
    const probe = (await db.execute<MemberRow & { sort_key: string }>(sql`
      SELECT u.id, u.first_name, u.last_name, u.employer, u.job, u.departement, u.sort_key,
             coalesce(s.show_employer, false) AS show_employer, coalesce(s.show_job, false) AS show_job,
             coalesce(s.show_territory, false) AS show_territory
        FROM (SELECT u.id, u.first_name, u.last_name, u.employer, u.job, u.departement, ${SORT_KEY} AS sort_key FROM users u
               WHERE u.deleted_at IS NULL AND u.banned_at IS NULL ${after}
                 ${prefix === null ? sql`` : sql`AND ${sql.join(inPrefix(SORT_KEY), sql``)}`}
               ORDER BY ${SORT_KEY}, u.id LIMIT ${WALK_ROWS}) u
        LEFT JOIN member_settings s ON s.user_id = u.id
       WHERE ${sql.join([...base, ...walked], sql` AND `)}
       ORDER BY u.sort_key, u.id
       LIMIT ${limit + 1}`)).rows;
    // A full page from the window is the true next page: the window is the alphabet's next rows.
    if (probe.length > limit) rows = probe;
  }
  // Without candidates the page is read in the order of users_directory_sort_idx (its expression);
  // with them, a few rows are sorted and the faster form of the key serves.
  const key = narrowed ? FAST_KEY : SORT_KEY;
  rows ??= (await db.execute<MemberRow & { sort_key: string }>(sql`
    SELECT u.id, u.first_name, u.last_name, u.employer, u.job, u.departement, ${key} AS sort_key,
           coalesce(s.show_employer, false) AS show_employer, coalesce(s.show_job, false) AS show_job,
           coalesce(s.show_territory, false) AS show_territory
      FROM users u LEFT JOIN member_settings s ON s.user_id = u.id
     WHERE u.deleted_at IS NULL AND u.banned_at IS NULL
       ${cursor ? sql`AND (${key}, u.id) > (${cursor.key}, ${cursor.id}::bigint)` : sql``}
       AND ${sql.join([...base, ...inPrefix(key), ...indexed], sql` AND `)}
     ORDER BY ${key}, u.id
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
