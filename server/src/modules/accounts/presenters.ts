import type { users } from '../../db/schema/index.js';

type UserRow = typeof users.$inferSelect;

/** The signed-in person's own view of their account: never the hash, never deletion data. */
export function presentUserSelf(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    employer: u.employer,
    job: u.job,
    departement: u.departement,
    bio: u.bio,
    nationalRole: u.nationalRole ?? null,
    emailVerified: u.emailVerifiedAt !== null,
    createdAt: u.createdAt.toISOString(),
  };
}

export interface MembershipView {
  community: { id: number; slug: string; name: string };
  role: 'member' | 'animator' | 'coordinator';
}
