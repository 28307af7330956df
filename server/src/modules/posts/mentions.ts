import type { FastifyRequest } from 'fastify';
import { hit, LIMITS_BY_ACTION, subjectOf } from '../../lib/rate-limit.js';
import type { App } from '../../types.js';

/**
 * Group mentions: `@animation` reaches the community's animators, `@coordination` its coordinators; members of that
 * community only (the notification hooks join its memberships), once per person, rate-limited by the routes that write.
 * Part of the syntax of a post or a comment, so here, below the notifications that read it and the posts that limit it.
 */
export const GROUP_MENTIONS = {
  animation: { role: 'animator', label: 'Équipe d’animation', hint: 'les animateurs et animatrices de l’e-communauté' },
  coordination: { role: 'coordinator', label: 'Coordination', hint: 'les coordonnateurs et coordonnatrices de l’e-communauté' },
} as const;
export type Group = keyof typeof GROUP_MENTIONS;

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
