import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../types.js';
import { communityAbilities } from '../communities/policy.js';
import { flagAbilities, networkModerationAbilities } from './policy.js';

/** The moderation rules that need no database (the rank table, sanctions/rank.ts, is rank.test.ts). */

const person = (id: number, nationalRole: 'admin' | null = null): CurrentUser =>
  ({ id, email: `p${id}@example.org`, firstName: 'P', lastName: String(id), nationalRole, emailVerified: true });

describe('moderation policy', () => {
  it('keeps the network queue, log, figures and reasons to the national team', () => {
    expect(networkModerationAbilities(person(1, 'admin'))).toEqual({ moderate: true, readAudit: true, readStats: true, editReasons: true });
    expect(networkModerationAbilities(person(1))).toEqual({ moderate: false, readAudit: false, readStats: false, editReasons: false });
    expect(networkModerationAbilities(null).editReasons).toBe(false);
  });

  it('lets anyone flag an item but its author', () => {
    expect(flagAbilities(person(1), { authorId: 2 }).flag).toBe(true);
    expect(flagAbilities(person(1), { authorId: 1 }).flag).toBe(false);
  });

  it('gives a community’s moderation log to its coordinators and the national team, not its animators', () => {
    const open = { status: 'open' as const };
    expect(communityAbilities(person(1), open, 'coordinator').readModerationAudit).toBe(true);
    expect(communityAbilities(person(1, 'admin'), open, null).readModerationAudit).toBe(true);
    expect(communityAbilities(person(1), open, 'animator').readModerationAudit).toBe(false);
    expect(communityAbilities(person(1), open, 'member').readModerationAudit).toBe(false);
  });
});
