import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { communities, communityRelations, memberships } from '../../db/schema/index.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import type { CurrentUser } from '../../types.js';
import { loadCommunityContext } from './context.js';
import { canSetRole, onlyEditorialFields, type CommunityRole, type CommunityStatus } from './policy.js';

export interface CommunityInput {
  slug?: string;
  name?: string;
  description?: string;
  perimeter?: string;
  targetAudience?: string;
  editorialLine?: string;
  status?: CommunityStatus;
  launchDate?: string | null;
  relatedIds?: number[];
}

function slugTaken(err: unknown): never {
  if (isUniqueViolation(err, 'communities_slug_key')) throw new AppError('SLUG_TAKEN');
  throw err;
}

/** Replaces the related communities, stored in both directions so either side reads one index. */
async function setRelations(tx: Tx, id: number, relatedIds: number[]): Promise<void> {
  if (relatedIds.includes(id)) {
    throw new AppError('VALIDATION_FAILED', undefined, { relatedIds: 'Une e-communauté ne peut pas être liée à elle-même.' });
  }
  if (relatedIds.length > 0) {
    const existing = await tx.select({ id: communities.id }).from(communities).where(inArray(communities.id, relatedIds));
    if (existing.length !== relatedIds.length) {
      throw new AppError('VALIDATION_FAILED', undefined, { relatedIds: 'E-communauté liée introuvable.' });
    }
  }
  await tx.delete(communityRelations).where(or(eq(communityRelations.communityId, id), eq(communityRelations.relatedId, id)));
  if (relatedIds.length > 0) {
    await tx.insert(communityRelations).values(
      relatedIds.flatMap((other) => [{ communityId: id, relatedId: other }, { communityId: other, relatedId: id }]),
    ).onConflictDoNothing();
  }
}

function columnsOf(input: CommunityInput) {
  const { relatedIds: _ignored, ...fields } = input;
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Omit<CommunityInput, 'relatedIds'>;
}

/** Creates a community (the route has checked the national role). Returns its id. */
export async function createCommunity(db: Db, input: CommunityInput & { slug: string; name: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(communities)
      .values({ ...columnsOf(input), slug: input.slug, name: input.name })
      .returning({ id: communities.id })
      .catch(slugTaken);
    await setRelations(tx, row!.id, input.relatedIds ?? []);
    return row!.id;
  });
}

/** Edits a community: the national admin any field, its coordinators the editorial ones. */
export async function updateCommunity(db: Db, slug: string, user: CurrentUser, input: CommunityInput): Promise<number> {
  return db.transaction(async (tx) => {
    const { community, can } = await loadCommunityContext(tx, slug, user, { forUpdate: true });
    if (!can.edit && !(can.editEditorial && onlyEditorialFields({ ...input }))) throw new AppError('FORBIDDEN');
    const fields = columnsOf(input);
    if (Object.keys(fields).length > 0) {
      await tx.update(communities).set({ ...fields, updatedAt: new Date() }).where(eq(communities.id, community.id)).catch(slugTaken);
    }
    if (input.relatedIds) await setRelations(tx, community.id, input.relatedIds);
    return community.id;
  });
}

async function bumpMembers(tx: Tx, communityId: number, delta: 1 | -1): Promise<void> {
  await tx.update(communities).set({ memberCount: sql`${communities.memberCount} + ${delta}` }).where(eq(communities.id, communityId));
}

/** Joins an open community. Joining twice changes nothing: the count moves only when a row is inserted. */
export async function join(db: Db, slug: string, user: CurrentUser): Promise<number> {
  return db.transaction(async (tx) => {
    const { community, role } = await loadCommunityContext(tx, slug, user);
    if (role) return community.id;
    if (community.status !== 'open') throw new AppError('COMMUNITY_NOT_OPEN');
    const inserted = await tx
      .insert(memberships)
      .values({ communityId: community.id, userId: user.id })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId });
    if (inserted.length > 0) await bumpMembers(tx, community.id, 1);
    return community.id;
  });
}

/**
 * Leaves a community; any role goes with the membership (even the last coordinator:
 * the national admin can appoint another). Leaving when not a member is a no-op.
 */
export async function leave(db: Db, slug: string, user: CurrentUser): Promise<number> {
  return db.transaction(async (tx) => {
    const { community } = await loadCommunityContext(tx, slug, user);
    const deleted = await tx
      .delete(memberships)
      .where(and(eq(memberships.communityId, community.id), eq(memberships.userId, user.id)))
      .returning({ userId: memberships.userId });
    if (deleted.length > 0) await bumpMembers(tx, community.id, -1);
    return community.id;
  });
}

/** Gives `targetId` a role; someone not yet a member becomes one (and is counted). */
export async function setRole(db: Db, slug: string, actor: CurrentUser, targetId: number, newRole: CommunityRole) {
  return db.transaction(async (tx) => {
    const { community, role: actorRole, can } = await loadCommunityContext(tx, slug, actor);
    // Checked before looking the target up, so outsiders cannot probe which user ids exist.
    if (!can.appointAnimator && !can.appointCoordinator) throw new AppError('FORBIDDEN');
    const { rows } = await tx.execute<{ id: number; role: CommunityRole | null }>(sql`
      SELECT u.id, m.role FROM users u
        LEFT JOIN memberships m ON m.user_id = u.id AND m.community_id = ${community.id}
       WHERE u.id = ${targetId} AND u.deleted_at IS NULL`);
    const target = rows[0];
    if (!target) throw new AppError('USER_NOT_FOUND');
    if (!canSetRole(actor, actorRole, target.role, newRole)) throw new AppError('FORBIDDEN');
    const upsert = await tx.execute<{ inserted: boolean }>(sql`
      INSERT INTO memberships (community_id, user_id, role, role_granted_by)
      VALUES (${community.id}, ${targetId}, ${newRole}, ${actor.id})
      ON CONFLICT (community_id, user_id) DO UPDATE SET role = EXCLUDED.role, role_granted_by = EXCLUDED.role_granted_by
      RETURNING (xmax = 0) AS inserted`);
    if (upsert.rows[0]?.inserted) await bumpMembers(tx, community.id, 1);
    return { userId: targetId, role: newRole };
  });
}
