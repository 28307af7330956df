import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ReplyMailConfig } from './config.js';

/**
 * Personal reply addresses: `reponse+<postId>.<userId>.<signature>@<REPLY_DOMAIN>`. The signature is an HMAC
 * over the post and the person, so an address cannot be made up for someone else's account or another post.
 * Lower-case hex only: some relays lower-case local parts, and the whole local part stays under 64 characters.
 */

const PREFIX = 'reponse';
const SIGNATURE_HEX = 24;
const LOCAL = /^reponse\+(\d{1,15})\.(\d{1,15})\.([0-9a-f]{24})$/;

function signature(secret: string, postId: number, userId: number): string {
  return createHmac('sha256', secret).update(`reply:${postId}:${userId}`).digest('hex').slice(0, SIGNATURE_HEX);
}

/** The address a notification about `postId` sent to `userId` answers to; undefined when reply by e-mail is off. */
export function replyAddress(reply: ReplyMailConfig | undefined, postId: number, userId: number): string | undefined {
  if (!reply) return undefined;
  return `${PREFIX}+${postId}.${userId}.${signature(reply.secret, postId, userId)}@${reply.domain}`;
}

export type ParsedAddress =
  | { ok: true; postId: number; userId: number }
  /** `domain`: not ours at all; `shape`: ours but no reply address; `signature`: forged or altered. */
  | { ok: false; reason: 'domain' | 'shape' | 'signature' };

/** Reads and checks a recipient address; the signature is compared in constant time. */
export function parseReplyAddress(reply: ReplyMailConfig, address: string): ParsedAddress {
  const at = address.lastIndexOf('@');
  if (at < 0 || address.slice(at + 1).toLowerCase() !== reply.domain) return { ok: false, reason: 'domain' };
  const m = LOCAL.exec(address.slice(0, at).toLowerCase());
  if (!m) return { ok: false, reason: 'shape' };
  const postId = Number(m[1]);
  const userId = Number(m[2]);
  if (!Number.isSafeInteger(postId) || !Number.isSafeInteger(userId)) return { ok: false, reason: 'shape' };
  const expected = Buffer.from(signature(reply.secret, postId, userId));
  if (!timingSafeEqual(expected, Buffer.from(m[3]!))) return { ok: false, reason: 'signature' };
  return { ok: true, postId, userId };
}

/** Addresses compared as people type them: Unicode NFC, case-folded, without surrounding spaces. */
export function sameAddress(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().toLowerCase();
  return norm(a) === norm(b);
}
