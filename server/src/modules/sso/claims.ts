import type { OidcConfig } from '../../config.js';
import { AppError } from '../../lib/errors.js';

/** What we keep of ProConnect's userinfo (https://github.com/numerique-gouv/proconnect-documentation). */
export interface ProConnectClaims {
  sub: string;
  idpId: string;
  email: string;
  /**
   * Whether the provider vouches for the address. ProConnect sends no `email_verified`: its identity providers
   * are the agents' employers and ProConnect Identité checks the address by a code, so an absent claim means
   * vouched for; a provider that says `email_verified: false` is believed, and such an address never links.
   */
  emailVerified: boolean;
  givenName: string;
  usualName: string;
  siret: string | null;
  /** ProConnect gives no organisation name; its organisational unit is the closest label. */
  organisation: string | null;
  uid: string | null;
  /**
   * How the person authenticated at ProConnect (id_token `amr`, asked for with the `claims` parameter), e.g.
   * ['pwd'], ['totp', 'mfa']: tells whether a second factor was already done there. Empty when not sent.
   */
  amr: string[];
}

const text = (value: unknown, max = 300): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;

/** Some providers write booleans as strings. */
const isFalse = (value: unknown) => value === false || value === 'false';

/** The id_token's `amr`, kept only when it is a list of short strings. */
export function amrFrom(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string' && v.length <= 40).slice(0, 10);
}

/** Reads the verified userinfo answer; an account cannot be made without an address and a name. */
export function claimsFrom(userinfo: Record<string, unknown>, idTokenClaims: Record<string, unknown>): ProConnectClaims {
  const email = text(userinfo.email, 254);
  const givenName = text(userinfo.given_name, 100);
  const usualName = text(userinfo.usual_name, 100);
  if (!email || !givenName || !usualName || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new AppError('OIDC_MISSING_CLAIMS');
  return {
    sub: String(userinfo.sub),
    // Unknown identity provider: an empty id still keeps (sub, idp_id) unique for that provider.
    idpId: text(userinfo.idp_id) ?? '',
    email,
    emailVerified: !isFalse(userinfo.email_verified) && !isFalse(idTokenClaims.email_verified),
    givenName, usualName,
    siret: text(userinfo.siret, 14),
    organisation: text(userinfo.organizational_unit, 200),
    uid: text(userinfo.uid),
    amr: amrFrom(idTokenClaims.amr),
  };
}

/**
 * The optional access filter (OIDC_ALLOWED_DOMAINS, OIDC_ALLOWED_SIRETS): checked before any account is
 * created, linked or signed in. Throws OIDC_ACCESS_FILTERED for a person outside both lists.
 */
export function assertAllowed(settings: OidcConfig, claims: Pick<ProConnectClaims, 'email' | 'siret' | 'organisation'>): void {
  const domains = settings.allowedDomains ?? [];
  const sirets = settings.allowedSirets ?? [];
  if (domains.length === 0 && sirets.length === 0) return;
  const domain = claims.email.slice(claims.email.lastIndexOf('@') + 1).toLowerCase();
  if (domains.includes(domain)) return;
  if (claims.siret && sirets.includes(claims.siret)) return;
  // The refusal page must show the person's SIRET and organisation (ProConnect's rule): they travel with it.
  throw new AppError('OIDC_ACCESS_FILTERED', undefined, { siret: claims.siret ?? '', organisation: claims.organisation ?? '' });
}
