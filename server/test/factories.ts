import { hashPassword } from '../src/lib/password.js';
import { hashToken, newToken } from '../src/lib/tokens.js';
import { sessionCookieName } from '../src/plugins/session.js';
import { deviceCookieName } from '../src/modules/accounts/login-throttle.js';
import type { App } from '../src/types.js';
import { unique } from './helpers.js';

/** Test password shared by factory users; long enough and not in the common list. */
export const FACTORY_PASSWORD = 'Tournesol-Pivoine-42-Cassis';

// Hashing costs ~50 ms: hash once per process and reuse it for every factory user.
let hashOnce: Promise<string> | undefined;
function factoryHash(): Promise<string> {
  hashOnce ??= hashPassword(FACTORY_PASSWORD);
  return hashOnce;
}

export interface FactoryUser {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  employer: string;
  job: string;
  departement: string;
  nationalRole: 'admin' | null;
  emailVerified: boolean;
}

export interface CreateUserOptions {
  email?: string;
  firstName?: string;
  lastName?: string;
  employer?: string;
  job?: string;
  departement?: string;
  nationalRole?: 'admin' | null;
  /** Default true: most tests act as a verified member. */
  verified?: boolean;
  /** Default 30 days ago, so the new-account limits (trust module) apply only when a test asks. */
  createdAt?: Date;
}

/** Inserts a user directly (no HTTP, no mail). Returns the user and its clear password. */
export async function createUser(app: App, opts: CreateUserOptions = {}): Promise<{ user: FactoryUser; password: string }> {
  const tag = unique('u');
  const email = opts.email ?? `${tag}@exemple.fr`;
  const verified = opts.verified ?? true;
  const { rows } = await app.pool.query<{ id: number }>(
    `INSERT INTO users (email, password_hash, first_name, last_name, employer, job, departement, national_role, email_verified_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      email, await factoryHash(), opts.firstName ?? 'Camille', opts.lastName ?? `Martin ${tag}`,
      opts.employer ?? 'Mairie de Montreuil', opts.job ?? 'Chargée de mission', opts.departement ?? '93',
      opts.nationalRole ?? null, verified ? new Date() : null, opts.createdAt ?? new Date(Date.now() - 30 * 86_400_000),
    ],
  );
  const user: FactoryUser = {
    id: rows[0]!.id, email, firstName: opts.firstName ?? 'Camille', lastName: opts.lastName ?? `Martin ${tag}`,
    employer: opts.employer ?? 'Mairie de Montreuil', job: opts.job ?? 'Chargée de mission', departement: opts.departement ?? '93',
    nationalRole: opts.nationalRole ?? null, emailVerified: verified,
  };
  return { user, password: FACTORY_PASSWORD };
}

// A type alias, not an interface, so it is assignable to app.inject's header map.
export type AuthHeaders = {
  cookie: string;
  'x-csrf-token': string;
};

/**
 * Signs in over HTTP and returns headers ready for app.inject (cookie + CSRF token). The browser is one the
 * member signed in from before (remembered-device cookie), so no "new device" e-mail is sent: tests of that
 * e-mail sign in without the cookie.
 */
export async function login(app: App, email: string, password: string): Promise<AuthHeaders & { csrf: string }> {
  const device = newToken();
  await app.pool.query(
    'INSERT INTO known_devices (token_hash, user_id) SELECT $1, id FROM users WHERE email = $2 AND deleted_at IS NULL',
    [hashToken(device), email.trim()],
  );
  const res = await app.inject({
    method: 'POST', url: '/api/auth/login', payload: { email, password }, cookies: { [deviceCookieName(app.config.secureCookies)]: device },
  });
  if (res.statusCode !== 200) throw new Error(`login failed (${res.statusCode}): ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error('login did not set a cookie');
  const cookie = first.split(';')[0]!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, 'x-csrf-token': csrf };
}

/**
 * Opens a session straight in the database (no HTTP, so no login rate limit is spent)
 * and returns the headers a browser would send.
 */
export async function sessionFor(app: App, userId: number): Promise<AuthHeaders> {
  const token = newToken();
  const csrf = newToken();
  await app.pool.query(
    // Just signed in, as after a login: sensitive actions (plugins/reauth.ts) are allowed for a few minutes.
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, reauthenticated_at) VALUES ($1, $2, $3, now() + interval '1 day', now())`,
    [hashToken(token), userId, csrf],
  );
  return { cookie: `${sessionCookieName(app.config.secureCookies)}=${token}`, 'x-csrf-token': csrf };
}

/** A user already signed in: `headers` go straight into app.inject({ headers }). */
export async function signedInUser(
  app: App,
  opts: CreateUserOptions = {},
): Promise<{ user: FactoryUser; password: string; headers: AuthHeaders }> {
  const { user, password } = await createUser(app, opts);
  return { user, password, headers: await sessionFor(app, user.id) };
}
