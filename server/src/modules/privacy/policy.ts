/**
 * Writes a member may still make while a new CGU version awaits their acceptance:
 * accepting it, leaving (sign-out, account deletion) and the account mechanics of /api/auth
 * (sign-in, e-mail confirmation, password reset). Everything else that writes is refused with
 * CGU_NOT_ACCEPTED (403) until they accept; reading, including their data export, stays open.
 */
export function writeAllowedBeforeCgu(method: string, routeUrl: string | undefined): boolean {
  if (!routeUrl) return true;
  if (routeUrl.startsWith('/api/auth/')) return true;
  if (method === 'POST' && routeUrl === '/api/me/cgu-acceptance') return true;
  if (method === 'DELETE' && routeUrl === '/api/me') return true;
  return false;
}

/** Deletion re-checks the password: limited like sign-in, so it cannot be used to guess it. */
export const DELETE_LIMIT = { action: 'account-delete', max: 10, windowSeconds: 15 * 60 };

