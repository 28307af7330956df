import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;
/** One step either side: a phone clock a little off, or a code typed as it changed. */
const WINDOW = 1;
const ISSUER = 'e-communautés';

function totp(secretBase32: string, label = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** A new 160-bit secret (RFC 4226's recommended length), in base32 as apps take it by hand. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export interface TotpEnrolment {
  /** The secret in groups of four, for typing into an app by hand. */
  secret: string;
  uri: string;
  /** The otpauth:// URI as an SVG QR code, in a data: URL (the CSP allows data: images, no inline script). */
  qrCode: string;
}

export async function enrolmentView(secretBase32: string, email: string): Promise<TotpEnrolment> {
  const uri = totp(secretBase32, email).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    secret: secretBase32.match(/.{1,4}/g)!.join(' '),
    uri,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  };
}

/** The 30-second step the code belongs to (within ±1 of now), or null when it matches none. */
export function matchingStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secretBase32).validate({ token, timestamp: now, window: WINDOW });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}
