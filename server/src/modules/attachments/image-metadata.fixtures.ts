import { crc32 } from 'node:zlib';
import { tinyPng } from './attachments.fixtures.js';

/**
 * Images carrying what a phone writes into a photo — a GPS position, a description, a device
 * name — built in memory for the metadata-stripping tests.
 */

/** A 2×2 JPEG as Chromium's canvas encodes it (JFIF, an ICC profile, baseline scan). */
export function tinyJpeg(): Buffer {
  return Buffer.from(
    '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABf/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AI4BUc//2Q==',
    'base64',
  );
}

export const SECRET_PLACE = '12 rue des Lilas, Roubaix';
export const DEVICE = 'PhoneMaker Model X';

/** A little-endian EXIF payload ("Exif\0\0" + TIFF): description, device, orientation and a GPS IFD. */
export function exifPayload(orientation = 6): Buffer {
  const place = Buffer.from(`${SECRET_PLACE}\0`, 'latin1');
  const device = Buffer.from(`${DEVICE}\0`, 'latin1');
  const ifd0 = 8;
  const ifd0Size = 2 + 4 * 12 + 4;
  const gps = ifd0 + ifd0Size;
  const gpsSize = 2 + 2 * 12 + 4;
  const latitude = gps + gpsSize;
  const placeAt = latitude + 24;
  const deviceAt = placeAt + place.length;
  const tiff = Buffer.alloc(deviceAt + device.length);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(ifd0, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    if (type === 3 && count === 1) tiff.writeUInt16LE(value, at + 8);
    else tiff.writeUInt32LE(value, at + 8);
  };
  tiff.writeUInt16LE(4, ifd0);
  entry(ifd0 + 2, 0x010e, 2, place.length, placeAt); // ImageDescription
  entry(ifd0 + 14, 0x0110, 2, device.length, deviceAt); // Model
  entry(ifd0 + 26, 0x0112, 3, 1, orientation); // Orientation
  entry(ifd0 + 38, 0x8825, 4, 1, gps); // GPS IFD
  tiff.writeUInt16LE(2, gps);
  entry(gps + 2, 0x0001, 2, 2, 0); // GPSLatitudeRef "N" (inline)
  tiff.write('N\0', gps + 2 + 8, 'latin1');
  entry(gps + 14, 0x0002, 5, 3, latitude); // GPSLatitude, three rationals
  for (const [i, [num, den]] of [[50, 1], [41, 1], [3012, 100]].entries()) {
    tiff.writeUInt32LE(num!, latitude + i * 8);
    tiff.writeUInt32LE(den!, latitude + i * 8 + 4);
  }
  place.copy(tiff, placeAt);
  device.copy(tiff, deviceAt);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** The JPEG with EXIF (APP1), XMP (APP1), IPTC (APP13) and a comment inserted after SOI. */
export function jpegWithMetadata(orientation = 6): Buffer {
  const jpeg = tinyJpeg();
  const xmp = Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>50,41.5N</exif:GPSLatitude><dc:description>${SECRET_PLACE}</dc:description></x:xmpmeta>`, 'latin1');
  const iptc = Buffer.concat([Buffer.from('Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x20', 'latin1'), Buffer.from(SECRET_PLACE, 'latin1')]);
  return Buffer.concat([
    jpeg.subarray(0, 2),
    jpegSegment(0xe1, exifPayload(orientation)),
    jpegSegment(0xe1, xmp),
    jpegSegment(0xed, iptc),
    jpegSegment(0xfe, Buffer.from(`Pris au ${SECRET_PLACE}`, 'latin1')),
    jpeg.subarray(2),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** The 1×1 PNG with eXIf, tEXt, iTXt and tIME chunks before its pixels, and a gAMA chunk that must stay. */
export function pngWithMetadata(): Buffer {
  const png = tinyPng();
  const ihdrEnd = 8 + 12 + 13;
  return Buffer.concat([
    png.subarray(0, ihdrEnd),
    pngChunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f])),
    pngChunk('eXIf', exifPayload().subarray(6)),
    pngChunk('tEXt', Buffer.from(`Location\0${SECRET_PLACE}`, 'latin1')),
    pngChunk('iTXt', Buffer.from(`Description\0\0\0\0\0${SECRET_PLACE}`, 'latin1')),
    pngChunk('tIME', Buffer.from([0x07, 0xea, 11, 29, 3, 0, 0])),
    png.subarray(ihdrEnd),
  ]);
}
