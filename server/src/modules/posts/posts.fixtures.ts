import { addMember } from '../../../test/community-factories.js';
import { signedInUser, type CreateUserOptions } from '../../../test/factories.js';
import type { App } from '../../types.js';

/** Test-only helpers of the posts tests. */

/** A signed-in user whose headers type-check as app.inject headers. */
export async function signIn(app: App, opts: CreateUserOptions = {}) {
  const signed = await signedInUser(app, opts);
  const headers: Record<string, string> = { ...signed.headers };
  return { user: signed.user, headers, password: signed.password };
}

export async function memberOf(
  app: App,
  communityId: number,
  role: 'member' | 'animator' | 'coordinator' = 'member',
  opts: CreateUserOptions = {},
) {
  const signed = await signIn(app, opts);
  await addMember(app, communityId, signed.user.id, role);
  return signed;
}
