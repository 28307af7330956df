import { LIMITS } from '../../../../common/limits.js';
import { AppError } from '../../lib/errors.js';

export interface Dimensions { width: number; height: number }

/**
 * Width and height as an image's header states them, read without decoding a pixel: PNG (IHDR), GIF
 * (logical screen), WebP (VP8, VP8L or VP8X canvas) and JPEG (first start-of-frame segment).
 * Null when the header cannot be read.
 */
export function imageDimensions(buf: Buffer, mime: string): Dimensions | null {
  try {
    switch (mime) {
      case 'image/png': return pngDimensions(buf);
      case 'image/gif': return gifDimensions(buf);
      case 'image/webp': return webpDimensions(buf);
      case 'image/jpeg': return jpegDimensions(buf);
      default: return null;
    }
  } catch (err) {
    if (err instanceof RangeError) return null; // header cut short
    throw err;
  }
}

function pngDimensions(buf: Buffer): Dimensions | null {
  if (buf.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

function gifDimensions(buf: Buffer): Dimensions | null {
  if (!/^GIF8[79]a$/.test(buf.toString('latin1', 0, 6))) return null;
  return { width: buf.readUInt16LE(6), height: buf.readUInt16LE(8) };
}

function webpDimensions(buf: Buffer): Dimensions | null {
  if (buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WEBP') return null;
  const chunk = buf.toString('latin1', 12, 16);
  if (chunk === 'VP8X') return { width: 1 + buf.readUIntLE(24, 3), height: 1 + buf.readUIntLE(27, 3) };
  if (chunk === 'VP8L') {
    const bits = buf.readUInt32LE(21);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ') return { width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff };
  return null;
}

/** Start-of-frame markers (baseline, progressive, lossless, arithmetic…); C4, C8 and CC are not frames. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegDimensions(buf: Buffer): Dimensions | null {
  if (buf[0] !== 0xff || buf[1] !== 0xd8) return null;
  let at = 2;
  while (at + 4 <= buf.length) {
    if (buf[at] !== 0xff) return null;
    const marker = buf[at + 1]!;
    if (marker === 0xff) { at += 1; continue; } // fill byte
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue; } // no length
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan data before any frame
    if (SOF.has(marker)) return { height: buf.readUInt16BE(at + 5), width: buf.readUInt16BE(at + 7) };
    at += 2 + buf.readUInt16BE(at + 2);
  }
  return null;
}

/**
 * Refuses an image above the pixel budget (IMAGE_TOO_LARGE_PIXELS, 413) or whose size cannot be read
 * (IMAGE_UNREADABLE): it would be shown inline, and its size is what a browser has to decode.
 */
export function checkImagePixels(buf: Buffer, mime: string): Dimensions {
  const dims = imageDimensions(buf, mime);
  if (!dims || dims.width === 0 || dims.height === 0) throw new AppError('IMAGE_UNREADABLE');
  if (dims.width * dims.height > LIMITS.attachmentImagePixels) {
    const fmt = new Intl.NumberFormat('fr-FR');
    throw new AppError('IMAGE_TOO_LARGE_PIXELS',
      `Cette image mesure ${fmt.format(dims.width)} × ${fmt.format(dims.height)} pixels, au-delà de 40 mégapixels : réduisez ses dimensions avant de l’envoyer.`);
  }
  return dims;
}
