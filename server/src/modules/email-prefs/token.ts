import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';
import type { UnsubscribeLinks } from '../mail/templates.js';

/**
 * Unsubscribe tokens: `<userId>.<communityId>.<hmac>`. No expiry and no table: a link from an
 * old message must still work (RFC 8058), and all it can do is stop mails.
 */
function signature(secret: string, userId: number, communityId: number): string {
  return createHmac('sha256', secret).update(`unsubscribe:${userId}:${communityId}`).digest('base64url');
}

export function unsubscribeToken(secret: string, userId: number, communityId: number): string {
  return `${userId}.${communityId}.${signature(secret, userId, communityId)}`;
}

export function verifyUnsubscribeToken(secret: string, token: string): { userId: number; communityId: number } | null {
  const m = /^(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const userId = Number(m[1]);
  const communityId = Number(m[2]);
  const expected = Buffer.from(signature(secret, userId, communityId));
  const given = Buffer.from(m[3]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { userId, communityId } : null;
}

export function unsubscribeLinks(config: Pick<Config, 'publicUrl' | 'secret'>, userId: number, communityId: number): UnsubscribeLinks {
  const token = encodeURIComponent(unsubscribeToken(config.secret, userId, communityId));
  return { oneClick: `${config.publicUrl}/api/email/unsubscribe?token=${token}`, preferences: `${config.publicUrl}/preferences` };
}
