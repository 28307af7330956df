import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { hashToken } from '../../lib/tokens.js';

/**
 * TOTP secrets must be readable by the server (it computes the codes), so they cannot be hashed: they are
 * encrypted with AES-256-GCM under a key derived from APP_SECRET. A copy of the database alone does not
 * reveal them; changing APP_SECRET makes enrolled authenticator apps unusable (recovery codes still work).
 */
function key(appSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, 'e-communautes', 'mfa-totp-secret', 32));
}

export function encryptSecret(appSecret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(appSecret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decryptSecret(appSecret: string, stored: string): string {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('unknown TOTP secret format');
  const decipher = createDecipheriv('aes-256-gcm', key(appSecret), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

// No 0/O, 1/I/L: codes are copied by hand from paper.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

/** A recovery code of 16 characters from a 31-letter alphabet (79 bits), shown as four groups: `abcd-efgh-jkmn-pqrs`. */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** What is stored and compared: the code without spaces, dashes or case, hashed. */
export function hashRecoveryCode(code: string): string {
  return hashToken(code.toLowerCase().replace(/[\s-]/g, ''));
}
