import * as oidc from 'openid-client';
import type { OidcConfig } from '../../config.js';
import { AppError } from '../../lib/errors.js';

/** ProConnect's scopes: each one asks for the claim of the same name. */
export const SCOPES = 'openid email given_name usual_name uid siret idp_id organizational_unit belonging_population';

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
        { id_token_signed_response_alg: 'RS256', userinfo_signed_response_alg: 'RS256' },
        oidc.ClientSecretPost(clientSecret),
        { execute: allowInsecure ? [oidc.allowInsecureRequests] : [], timeout: 10 },
      );
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
  else if (isNetworkFailure(err)) code = 'OIDC_PROVIDER_UNAVAILABLE';
  const mapped = new AppError(code);
  (mapped as { cause?: unknown }).cause = err;
  return mapped;
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
