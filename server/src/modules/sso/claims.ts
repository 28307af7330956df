import { AppError } from '../../lib/errors.js';

/** What we keep of ProConnect's userinfo (https://github.com/numerique-gouv/proconnect-documentation). */
export interface ProConnectClaims {
  sub: string;
  idpId: string;
  email: string;
  givenName: string;
  usualName: string;
  siret: string | null;
  /** ProConnect gives no organisation name; its organisational unit is the closest label. */
  organisation: string | null;
  uid: string | null;
}

const text = (value: unknown, max = 300): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;

/** Reads the verified userinfo answer; an account cannot be made without an address and a name. */
export function claimsFrom(userinfo: Record<string, unknown>): ProConnectClaims {
  const email = text(userinfo.email, 254);
  const givenName = text(userinfo.given_name, 100);
  const usualName = text(userinfo.usual_name, 100);
  if (!email || !givenName || !usualName || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new AppError('OIDC_MISSING_CLAIMS');
  return {
    sub: String(userinfo.sub),
    // Unknown identity provider: an empty id still keeps (sub, idp_id) unique for that provider.
    idpId: text(userinfo.idp_id) ?? '',
    email, givenName, usualName,
    siret: text(userinfo.siret, 14),
    organisation: text(userinfo.organizational_unit, 200),
    uid: text(userinfo.uid),
  };
}
