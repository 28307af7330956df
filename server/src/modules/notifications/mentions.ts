import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { decodeNameCursor, encodeNameCursor } from '../communities/cursors.js';
import { GROUP_MENTIONS, type Group } from '../posts/mentions.js';

/** The handle of a person as mentions write it (`@marie-dupont`); the same expression as notifications/hooks.ts. */
export const USER_HANDLE = sql.raw(`trim(both '-' from regexp_replace(immutable_unaccent(lower(u.first_name || '-' || u.last_name)), '[^a-z0-9]+', '-', 'g'))`);

export interface MentionSuggestion {
  handle: string;
  label: string;
  hint: string;
  group: boolean;
}

const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * People of one community whose name starts with what follows the `@` (first or last name first, accents, case and
 * hyphens ignored), in alphabetical order by keyset on (sort_key, id): the prefix is a range of users_directory_sort_idx
 * or a trigram search of users_name_trgm, each candidate checked against the membership primary key. The groups come
 * first, on the first page, when their name starts with the query.
 */
export async function mentionSuggestions(
  db: DbOrTx,
  communityId: number,
  viewerId: number,
  opts: { q: string; cursor?: string; limit: number },
): Promise<{ items: MentionSuggestion[]; nextCursor: string | null }> {
  const needle = opts.q.toLowerCase().replace(/[\s\-_.']+/g, ' ').trim();
  const after = decodeNameCursor(opts.cursor);
  const groups: MentionSuggestion[] = after ? [] : (Object.keys(GROUP_MENTIONS) as Group[])
    .filter((g) => g.startsWith(needle.replace(/ /g, '')))
    .map((g) => ({ handle: g, label: GROUP_MENTIONS[g].label, hint: GROUP_MENTIONS[g].hint, group: true }));
  const pattern = needle ? likePrefix(needle) : null;
  const { rows } = await db.execute<{ id: number; first_name: string; last_name: string; sort_key: string; job: string; handle: string }>(sql`
    SELECT u.id, u.first_name, u.last_name, u.sort_key, u.job, ${USER_HANDLE} AS handle
      FROM users u JOIN memberships m ON m.user_id = u.id AND m.community_id = ${communityId}
     WHERE u.deleted_at IS NULL AND u.banned_at IS NULL AND u.id <> ${viewerId}
       AND (${pattern}::text IS NULL OR u.sort_key LIKE immutable_unaccent(${pattern}::text) OR u.name_key LIKE immutable_unaccent(${pattern}::text))
       AND (${after?.name ?? null}::text IS NULL OR (u.sort_key, u.id) > (${after?.name ?? null}::text, ${after?.id ?? null}::bigint))
     ORDER BY u.sort_key, u.id
     LIMIT ${opts.limit + 1}`);
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    items: [
      ...groups,
      ...page.map((r) => ({ handle: r.handle, label: `${r.first_name} ${r.last_name}`, hint: r.job, group: false })),
    ],
    nextCursor: rows.length > opts.limit && last ? encodeNameCursor(last.sort_key, last.id) : null,
  };
}
