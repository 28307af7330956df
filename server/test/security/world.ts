import type { App } from '../../src/types.js';
import { addMember, createCommunity, type FactoryCommunity } from '../community-factories.js';
import { createUser, sessionFor, type AuthHeaders } from '../factories.js';
import { unique } from '../helpers.js';
import { makers, type Maker } from './makers.js';

/**
 * The cast of the security tests: who acts (one person per role class) and on what (a community A with
 * its staff and one of each kind of content, authored by a plain member who is never the actor).
 */

export const ROLES = ['anonymous', 'member', 'otherAnimator', 'animator', 'coordinator', 'national'] as const;
export type Role = typeof ROLES[number];

export interface Person { id: number; email: string; headers: AuthHeaders }

export interface World {
  app: App;
  /** Community A: every resource lives there. */
  a: FactoryCommunity;
  /** Community B: the "other community" whose animator has no role in A. */
  b: FactoryCommunity;
  actors: Record<Exclude<Role, 'anonymous'>, Person>;
  /** A plain member of A who writes the content the actors act on. */
  author: Person;
  /** A second plain member of A: the other side of the author's conversation. */
  peer: Person;
  /** Another animator of A, who writes the staff documents (reports) the actors act on. */
  colleague: Person;
  /** Known-valid values per resource kind, filled by `stock` (and used as path parameters). */
  pool: Record<string, (number | string)[]>;
  /** Makes one fresh resource of the kind and returns its id (or token, code...). */
  make(kind: string): Promise<number | string>;
}

/** Headers for an actor; anonymous has none. */
export function headersOf(world: World, role: Role): Record<string, string> {
  return role === 'anonymous' ? {} : { ...world.actors[role].headers };
}

async function person(app: App, opts: Parameters<typeof createUser>[1] = {}): Promise<Person> {
  const { user } = await createUser(app, opts);
  return { id: user.id, email: user.email, headers: await sessionFor(app, user.id) };
}

export async function buildWorld(app: App): Promise<World> {
  const a = await createCommunity(app, { name: `Communauté A ${unique('a')}` });
  const b = await createCommunity(app, { name: `Communauté B ${unique('b')}` });
  const [member, otherAnimator, animator, coordinator, national, author, peer, colleague] = await Promise.all([
    person(app), person(app), person(app), person(app), person(app, { nationalRole: 'admin' }), person(app), person(app), person(app),
  ]);
  await addMember(app, a.id, member.id);
  await addMember(app, a.id, animator.id, 'animator');
  await addMember(app, a.id, coordinator.id, 'coordinator');
  await addMember(app, a.id, author.id);
  await addMember(app, a.id, peer.id);
  await addMember(app, a.id, colleague.id, 'animator');
  await addMember(app, b.id, otherAnimator.id, 'animator');
  const world: World = {
    app, a, b, actors: { member, otherAnimator, animator, coordinator, national }, author, peer, colleague,
    pool: {
      community: [a.slug, b.slug], communityId: [a.id, b.id], // Never an actor: a generated body must not promote, ban or appoint the people under test.
      user: [author.id, peer.id, colleague.id],
      // A legal page no other test file edits: their version counts must not move under them.
      page: ['donnees-personnelles'], reason: [], scale: [],
    },
    make: async (kind) => {
      const maker: Maker | undefined = makers[kind];
      if (!maker) throw new Error(`no maker for ${kind}`);
      return maker(world);
    },
  };
  return world;
}

/** Fills the pools with `count` resources of every kind (the fuzzer draws its valid ids from them). */
export async function stock(world: World, count: number): Promise<void> {
  for (const kind of Object.keys(makers)) {
    for (let i = 0; i < count; i += 1) (world.pool[kind] ??= []).push(await world.make(kind));
  }
}
