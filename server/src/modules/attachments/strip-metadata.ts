import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { AppError } from '../../lib/errors.js';
import type { ReceivedFile } from './receive.js';

/**
 * Removes what a camera or an editor writes about a photo besides its pixels — EXIF (GPS position,
 * device, date), XMP, IPTC, comments, text chunks — before an image is stored, since members share
 * photos of places and people. Pure byte surgery on the container, no decoding: the pixels are not
 * touched. What rendering needs stays: JPEG's JFIF, ICC profile and Adobe colour marker, PNG's colour
 * chunks, and the EXIF orientation (rewritten alone) so that portrait photos stay upright.
 */

class Unreadable extends Error {}

function need(ok: boolean): void {
  if (!ok) throw new Unreadable();
}

// ---- JPEG ----

const SOI = 0xd8;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;

function startsWith(buf: Buffer, at: number, text: string): boolean {
  return buf.subarray(at, at + text.length).toString('latin1') === text;
}

/** The Orientation tag (0x0112) of IFD0 in an EXIF payload (after "Exif\0\0"), if valid. */
function exifOrientation(tiff: Buffer): number | null {
  if (tiff.length < 8) return null;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3) {
      const value = u16(entry + 8);
      return value >= 2 && value <= 8 ? value : null; // 1 is the default: nothing to keep
    }
  }
  return null;
}

/** An APP1 segment holding only "Orientation = value" (big-endian TIFF, one IFD entry). */
function orientationSegment(value: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(value, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, APP1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** Which marker segments before the image data are kept. */
function keepJpegSegment(marker: number, data: Buffer): boolean {
  if (marker === APP0) return startsWith(data, 0, 'JFIF\0') || startsWith(data, 0, 'JFXX\0');
  if (marker === APP2) return startsWith(data, 0, 'ICC_PROFILE\0');
  if (marker === APP14) return startsWith(data, 0, 'Adobe');
  if ((marker >= APP1 && marker <= 0xef) || marker === COM) return false;
  return true; // tables, frame header, restart interval...
}

export function stripJpeg(buf: Buffer): Buffer {
  need(buf.length >= 4 && buf[0] === 0xff && buf[1] === SOI);
  const out: Buffer[] = [buf.subarray(0, 2)];
  let orientation: number | null = null;
  let pos = 2;
  for (;;) {
    need(pos + 4 <= buf.length);
    need(buf[pos] === 0xff);
    let marker = buf[pos + 1]!;
    // Fill bytes (any number of 0xFF) may precede a marker.
    while (marker === 0xff) {
      pos += 1;
      need(pos + 4 <= buf.length);
      marker = buf[pos + 1]!;
    }
    const length = buf.readUInt16BE(pos + 2);
    need(length >= 2 && pos + 2 + length <= buf.length);
    const data = buf.subarray(pos + 4, pos + 2 + length);
    if (marker === APP1 && orientation === null && startsWith(data, 0, 'Exif\0\0')) orientation = exifOrientation(data.subarray(6));
    if (keepJpegSegment(marker, data)) out.push(buf.subarray(pos, pos + 2 + length));
    pos += 2 + length;
    // After the scan header comes entropy-coded data (and possibly more scans): kept as it is.
    // Metadata segments are written before the first scan by every encoder we know of.
    if (marker === SOS) {
      out.push(buf.subarray(pos));
      break;
    }
  }
  if (orientation !== null) out.splice(1, 0, orientationSegment(orientation));
  return Buffer.concat(out);
}

// ---- PNG ----

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Text, EXIF and timestamp chunks; colour (iCCP, sRGB, gAMA, cHRM), pHYs and transparency stay. */
const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

export function stripPng(buf: Buffer): Buffer {
  need(buf.length >= 8 && buf.subarray(0, 8).equals(PNG_SIGNATURE));
  const out: Buffer[] = [PNG_SIGNATURE];
  let pos = 8;
  for (;;) {
    need(pos + 12 <= buf.length);
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    need(end <= buf.length);
    if (!PNG_DROPPED.has(type)) out.push(buf.subarray(pos, end));
    pos = end;
    if (type === 'IEND') break; // anything appended after the image is dropped too
  }
  return Buffer.concat(out);
}

// ---- WebP ----

/** Drops the EXIF and XMP chunks of an extended WebP and clears their flags in VP8X. */
export function stripWebp(buf: Buffer): Buffer {
  need(buf.length >= 12 && startsWith(buf, 0, 'RIFF') && startsWith(buf, 8, 'WEBP'));
  const chunks: Buffer[] = [];
  let pos = 12;
  const end = Math.min(buf.length, 8 + buf.readUInt32LE(4));
  while (pos + 8 <= end) {
    const type = buf.toString('latin1', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    const next = pos + 8 + size + (size % 2);
    need(pos + 8 + size <= end);
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = Buffer.from(buf.subarray(pos, Math.min(next, end)));
      if (type === 'VP8X' && size >= 1) chunk[8] = chunk[8]! & ~(0x08 | 0x04);
      chunks.push(chunk);
    }
    pos = next;
  }
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), ...chunks]);
  const head = Buffer.from('RIFF\0\0\0\0', 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

const STRIPPERS: Record<string, (buf: Buffer) => Buffer> = {
  'image/jpeg': stripJpeg,
  'image/png': stripPng,
  'image/webp': stripWebp,
};

/**
 * Rewrites the received image without its metadata, in place, updating its size and hash (the
 * storage key). An image whose structure cannot be walked is refused rather than stored as it came.
 */
export async function stripImageMetadata(file: ReceivedFile, mime: string): Promise<void> {
  const strip = STRIPPERS[mime];
  if (!strip) return;
  const original = await readFile(file.tmpPath);
  let stripped: Buffer;
  try {
    stripped = strip(original);
  } catch (err) {
    if (err instanceof Unreadable || err instanceof RangeError) throw new AppError('IMAGE_UNREADABLE');
    throw err;
  }
  if (stripped.equals(original)) return;
  await writeFile(file.tmpPath, stripped);
  file.size = stripped.length;
  file.sha256 = createHash('sha256').update(stripped).digest('hex');
}
