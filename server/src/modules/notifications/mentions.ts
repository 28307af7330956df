import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../db/client.js';
import { hit, LIMITS_BY_ACTION, subjectOf } from '../../lib/rate-limit.js';
import type { App } from '../../types.js';
import { decodeNameCursor, encodeNameCursor } from '../communities/cursors.js';

/**
 * Group mentions: `@animation` reaches the community's animators, `@coordination` its coordinators; members of that
 * community only (the notification hooks join its memberships), once per person, rate-limited by the routes that write.
 */
export const GROUP_MENTIONS = {
  animation: { role: 'animator', label: 'Équipe d’animation', hint: 'les animateurs et animatrices de l’e-communauté' },
  coordination: { role: 'coordinator', label: 'Coordination', hint: 'les coordonnateurs et coordonnatrices de l’e-communauté' },
} as const;
type Group = keyof typeof GROUP_MENTIONS;

const GROUP = /(?:^|[^\p{L}\p{N}_@-])@(animation|coordination)(?![\p{L}\p{N}_-])/gu;

/** The community roles a text calls by group mention (`@animation`, `@coordination`). */
export function groupMentionRoles(body: string): string[] {
  const roles = new Set<string>();
  for (const m of body.matchAll(GROUP)) roles.add(GROUP_MENTIONS[m[1] as Group].role);
  return [...roles];
}

/** Counts a write that calls a team against its own limit (RATE_LIMITED, 429, past it); other writes pass free. */
export async function hitGroupMentions(app: App, request: FastifyRequest, body: string | undefined): Promise<void> {
  if (body && groupMentionRoles(body).length > 0) await hit(app, LIMITS_BY_ACTION.groupMention, subjectOf(request));
}

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
