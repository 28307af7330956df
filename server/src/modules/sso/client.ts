import * as oidc from 'openid-client';
import type { OidcConfig } from '../../config.js';
import { AppError } from '../../lib/errors.js';

/** ProConnect's scopes: each one asks for the claim of the same name. */
export const SCOPES = 'openid email given_name usual_name uid siret idp_id organizational_unit belonging_population';
/** ProConnect returns `amr` in the id_token only when asked for this way (its documentation, « claim amr »). */
export const CLAIMS_REQUEST = JSON.stringify({ id_token: { amr: { essential: true } } });
/**
 * Seconds of clock difference accepted with the provider on the id_token's `exp`, `nbf` and `iat`: set here
 * rather than left to the library's default (30 s), and beyond it a token is refused (OIDC_TOKEN_EXPIRED).
 */
export const CLOCK_TOLERANCE_SECONDS = 120;

/**
 * Discovery happens on the first sign-in, not at start-up: a provider that is down must not stop the
 * site from starting, and the next sign-in tries again. The promise is kept only once it succeeded.
 */
export class OidcClient {
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(readonly settings: OidcConfig) {}

  configuration(): Promise<oidc.Configuration> {
    if (!this.discovered) {
      const { issuer, clientId, clientSecret, allowInsecure } = this.settings;
      this.discovered = oidc.discovery(
        new URL(issuer), clientId,
        // ProConnect signs the id_token and the userinfo answer with RS256; anything else is refused.
        {
          id_token_signed_response_alg: 'RS256', userinfo_signed_response_alg: 'RS256',
          [oidc.clockTolerance]: CLOCK_TOLERANCE_SECONDS,
        },
        oidc.ClientSecretPost(clientSecret),
        { execute: allowInsecure ? [oidc.allowInsecureRequests] : [], timeout: 10 },
      ).then((config) => {
        // The library takes an id_token fetched from the token endpoint on trust of the TLS channel (OpenID
        // Connect allows it) and checks its signature only when asked: a token signed by another key must be refused.
        oidc.enableNonRepudiationChecks(config);
        return config;
      });
      this.discovered.catch(() => { this.discovered = undefined; });
    }
    return this.discovered.catch((err: unknown) => { throw providerError(err); });
  }
}

/** Turns what the library throws into our stable codes; the original is kept as `cause` for the log. */
export function providerError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; error?: string; message?: string; cause?: unknown };
  let code: ConstructorParameters<typeof AppError>[0] = 'OIDC_INVALID_RESPONSE';
  if (e?.error === 'invalid_grant') code = 'OIDC_CODE_REFUSED';
  else if (e?.error === 'access_denied') code = 'OIDC_ACCESS_DENIED';
  else if (comparedClaim(err) === 'nonce') code = 'OIDC_NONCE_MISMATCH';
  else if (comparedClaim(err) === 'state') code = 'OIDC_STATE_MISMATCH';
  else if (causes(err).some((c) => c.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED')) code = 'OIDC_TOKEN_EXPIRED';
  else if (causes(err).some(isTokenRefusal)) code = 'OIDC_TOKEN_REJECTED';
  else if (isNetworkFailure(err)) code = 'OIDC_PROVIDER_UNAVAILABLE';
  const mapped = new AppError(code);
  (mapped as { cause?: unknown }).cause = err;
  return mapped;
}

/** The error and the causes it wraps (the library wraps its own errors once or twice). */
function causes(err: unknown): Array<{ code?: string; message?: string }> {
  const chain: Array<{ code?: string; message?: string }> = [];
  for (let e = err as { code?: string; message?: string; cause?: unknown } | undefined; e && typeof e === 'object' && chain.length < 4; e = e.cause as typeof e) chain.push(e);
  return chain;
}

/** A signature that does not verify, an algorithm other than RS256 (or none), a wrong issuer or audience. */
function isTokenRefusal(e: { code?: string; message?: string }): boolean {
  if (e?.code === 'OAUTH_KEY_SELECTION_FAILED' || e?.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') return true;
  return e?.code === 'OAUTH_INVALID_RESPONSE' && /JWT signature|"alg"/.test(e.message ?? '');
}

/** The claim a failed comparison was about (the library nests it in its causes). */
function comparedClaim(err: unknown, depth = 0): string | undefined {
  const e = err as { claim?: unknown; attribute?: unknown; cause?: unknown };
  if (!e || depth > 3) return undefined;
  if (typeof e.claim === 'string') return e.claim;
  if (typeof e.attribute === 'string') return e.attribute;
  return comparedClaim(e.cause, depth + 1);
}

function isNetworkFailure(err: unknown): boolean {
  const e = err as { name?: string; message?: string; cause?: unknown; code?: string };
  if (!e) return false;
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'ECONNREFUSED' || e.message === 'fetch failed') return true;
  if (e.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && /status code/.test(e.message ?? '')) return true;
  return e.cause !== undefined && e.cause !== err && isNetworkFailure(e.cause);
}
