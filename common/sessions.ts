/** How a session was opened (sessions.sign_in_method), as « Mes appareils » and the new-device e-mail name it. */
export const SIGN_IN_METHODS = {
  password: 'Mot de passe',
  proconnect: 'ProConnect',
  passkey: 'Clé d’accès',
} as const;

export type SignInMethod = keyof typeof SIGN_IN_METHODS;

/** « Mes appareils » lists at most this many sessions, most recently used first: a person has a handful. */
export const SESSIONS_LISTED_MAX = 50;
