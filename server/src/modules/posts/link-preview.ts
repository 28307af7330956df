import { AppError } from '../../lib/errors.js';
import { isForbiddenAddress, safeGet, SafeGetError, type AddressOptions } from '../../lib/safe-fetch.js';
import { parseHttpUrl } from './kinds.js';
import { readPreview, type Preview } from './link-html.js';

/**
 * Server-side fetch of a pasted link's title and description, through the SSRF-safe GET of
 * lib/safe-fetch.ts: at most 3 redirects, 3 s for everything, the first 512 KiB only.
 */

export const PREVIEW_TIMEOUT_MS = 3000;
export const PREVIEW_MAX_BYTES = 512 * 1024;

export type PreviewOptions = AddressOptions;
export { isForbiddenAddress };

export async function fetchPreview(rawUrl: string, opts: PreviewOptions): Promise<Preview & { url: string }> {
  const url = parseHttpUrl(rawUrl);
  try {
    const res = await safeGet(url.href, {
      ...opts, timeoutMs: PREVIEW_TIMEOUT_MS, maxBytes: PREVIEW_MAX_BYTES, maxRedirects: 3, overflow: 'truncate',
      headers: { 'user-agent': 'e-communautes-apercu/1.0', accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
    });
    if (res.status < 200 || res.status >= 300) throw new AppError('LINK_UNREACHABLE');
    return { url: res.url, ...readPreview(res.body, String(res.headers['content-type'] ?? '')) };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof SafeGetError && err.reason === 'private_address') throw new AppError('LINK_PRIVATE_ADDRESS');
    if (err instanceof SafeGetError && err.reason === 'too_many_redirects') {
      throw new AppError('LINK_UNREACHABLE', 'Ce lien redirige trop de fois : saisissez le titre vous-même.');
    }
    if (err instanceof SafeGetError && err.reason === 'invalid_url') throw new AppError('LINK_INVALID_URL');
    throw new AppError('LINK_UNREACHABLE');
  }
}
