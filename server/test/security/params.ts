import type { Operation } from './operations.js';
import { type Rng, validValue, type Schema } from './values.js';
import type { World } from './world.js';

/**
 * Which pool of the world a parameter or body field draws its valid values from, so that generated
 * requests reach existing resources (and never random ids, which in the shared test database could
 * belong to another test file's data).
 */

const ID_BY_PREFIX: [prefix: string, kind: string][] = [
  ['/api/posts/', 'post'], ['/api/comments/', 'comment'], ['/api/rubriques/', 'rubrique'], ['/api/dossiers/', 'dossier'],
  ['/api/attachments/', 'attachment'], ['/api/planned-posts/', 'plannedPost'], ['/api/slots/', 'slot'],
  ['/api/notifications/', 'notification'], ['/api/surveys/', 'survey'], ['/api/shared-pages/', 'sharedPage'], ['/api/invitations/', 'invitation'],
  ['/api/meetings/', 'meeting'], ['/api/reports/', 'report'], ['/api/network/events/', 'networkEvent'],
  ['/api/network/practices/', 'practice'], ['/api/contracts/assignments/', 'assignment'], ['/api/contracts/statements/', 'statement'],
  ['/api/members/', 'user'], ['/api/users/', 'user'], ['/api/conversations/', 'conversation'], ['/api/messages/', 'message'],
  ['/api/moderation/messages/', 'message'], ['/api/national/users/', 'user'],
];

/** The pool kind of a path parameter, or undefined when any schema-valid value will do. */
export function pathParamKind(path: string, name: string, typeValue?: string): string | undefined {
  switch (name) {
    case 'slug': return path.startsWith('/api/pages/') ? 'page' : 'community';
    case 'communityId': return 'communityId';
    case 'userId': return 'user';
    case 'code': return path.includes('/reasons/') ? 'reason' : 'scale';
    case 'token': return 'invitationToken';
    case 'pageId': return 'sharedPage';
    case 'postId':
      if (path.startsWith('/api/polls/')) return 'poll';
      if (path.startsWith('/api/events/')) return 'event';
      if (path.startsWith('/api/questions/')) return 'question';
      return 'post';
    case 'id':
      if (path.includes('/veille/sources/')) return 'veilleSource';
      if (path.includes('/veille/items/')) return 'veilleItem';
      if (path.includes('/veille/cnfpt/')) return 'cnfptItem';
      if (path.startsWith('/api/national/cnfpt-sources/')) return 'cnfptSource';
      if (path.startsWith('/api/moderation/items/')) return typeValue === 'comment' ? 'comment' : 'post';
      return ID_BY_PREFIX.find(([prefix]) => path.startsWith(prefix))?.[1];
    default: return undefined;
  }
}

/** Body and query fields that name a resource. */
const FIELD_KIND: Record<string, string> = {
  postId: 'post', commentId: 'comment', replyToId: 'comment', userId: 'user', animatorId: 'user', coordinatorId: 'user',
  memberIds: 'user', participantIds: 'user', animatorIds: 'user', userIds: 'user', pageId: 'sharedPage', rubriqueId: 'rubrique',
  rubrique: 'rubrique', slotId: 'slot', sharedPostId: 'post', ids: 'attachment', relatedIds: 'communityId', postIds: 'post',
  communitySlug: 'community', community: 'community', optionIds: 'post', animatorIdQuery: 'user', reasonCode: 'reason',
};

export function fieldKind(name: string): string | undefined {
  if (FIELD_KIND[name]) return FIELD_KIND[name];
  return /(Id|Ids)$/.test(name) ? 'post' : undefined;
}

export function fromPool(world: World, kind: string, rng: Rng): number | string {
  const pool = world.pool[kind];
  if (!pool?.length) throw new Error(`empty pool ${kind}`);
  return rng.pick(pool);
}

/** A Monday a few weeks ahead: the duty roster is kept per week. */
function monday(rng: Rng): string {
  const d = new Date(Date.now() + rng.int(0, 8) * 7 * 86_400_000);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Valid path parameters for the operation, drawn from the world. */
export function validPathParams(op: Operation, world: World, rng: Rng): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of op.pathParams) if (p.name === 'type') out.type = String(validValue(p.schema, rng));
  for (const p of op.pathParams) {
    if (p.name === 'type') continue;
    const kind = pathParamKind(op.path, p.name, out.type);
    if (kind) out[p.name] = String(fromPool(world, kind, rng));
    else if (p.name === 'week') out.week = monday(rng);
    else if (p.name === 'filename') out.filename = 'plan.png';
    else if (p.name === 'version' || p.name === 'number') out[p.name] = '1';
    else out[p.name] = String(validValue(p.schema, rng, p.name));
  }
  return out;
}

/** Replaces every resource-naming field of a generated value with pool values (recursively). */
export function withPoolIds(value: unknown, schema: Schema, world: World, rng: Rng): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [key, sub] of Object.entries<Schema>(schema.properties ?? {})) {
    if (!(key in out)) continue;
    const kind = fieldKind(key);
    if (kind && Array.isArray(out[key])) {
      const n = (out[key] as unknown[]).length;
      out[key] = [...new Set(Array.from({ length: n }, () => fromPool(world, kind, rng)))];
    } else if (kind && out[key] !== null) out[key] = fromPool(world, kind, rng);
    else if (sub.type === 'object') out[key] = withPoolIds(out[key], sub, world, rng);
  }
  return out;
}

/** A valid query string for the operation (required parameters always, optional ones sometimes). */
export function validQuery(op: Operation, world: World, rng: Rng, requiredOnly = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of op.query) {
    if (!q.required && (requiredOnly || !rng.chance(0.4))) continue;
    const kind = fieldKind(q.name);
    out[q.name] = kind ? String(fromPool(world, kind, rng)) : String(validValue(q.schema, rng, q.name));
  }
  return out;
}
