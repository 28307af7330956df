import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import { signedInUser } from '../../../test/factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { multipart, tinyPng } from './attachments.fixtures.js';
import { DEVICE, exifPayload, jpegWithMetadata, pngWithMetadata, SECRET_PLACE, tinyJpeg } from './image-metadata.fixtures.js';
import { stripJpeg, stripPng, stripWebp } from './strip-metadata.js';

/** Marker segments before the first scan: [marker, payload]. */
function jpegSegments(buf: Buffer): [number, Buffer][] {
  const out: [number, Buffer][] = [];
  let pos = 2;
  while (pos < buf.length) {
    const marker = buf[pos + 1]!;
    const length = buf.readUInt16BE(pos + 2);
    out.push([marker, buf.subarray(pos + 4, pos + 2 + length)]);
    if (marker === 0xda) break;
    pos += 2 + length;
  }
  return out;
}

function pngChunkTypes(buf: Buffer): string[] {
  const types: string[] = [];
  for (let pos = 8; pos < buf.length; pos += 12 + buf.readUInt32BE(pos)) types.push(buf.toString('latin1', pos + 4, pos + 8));
  return types;
}

const scanOf = (jpeg: Buffer) => jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xda])));

function expectNoMetadata(buf: Buffer) {
  const text = buf.toString('latin1');
  expect(text).not.toContain(SECRET_PLACE);
  expect(text).not.toContain(DEVICE);
  expect(text).not.toContain('GPS');
  expect(text).not.toContain('xmpmeta');
  expect(text).not.toContain('Photoshop');
}

describe('image metadata stripping', () => {
  it('JPEG: drops EXIF (GPS, device, description), XMP, IPTC and comments; keeps JFIF, ICC, orientation and the scan', () => {
    const input = jpegWithMetadata(6);
    expect(input.toString('latin1')).toContain(SECRET_PLACE);
    const out = stripJpeg(input);
    expectNoMetadata(out);
    const segments = jpegSegments(out);
    const app1 = segments.filter(([m]) => m === 0xe1);
    // Only the orientation is written back: one big-endian IFD entry, tag 0x0112 = 6.
    expect(app1).toHaveLength(1);
    const tiff = app1[0]![1].subarray(6);
    expect(tiff.toString('latin1', 0, 2)).toBe('MM');
    expect(tiff.readUInt16BE(8)).toBe(1);
    expect([tiff.readUInt16BE(10), tiff.readUInt16BE(18)]).toEqual([0x0112, 6]);
    expect(segments.some(([m, d]) => m === 0xe0 && d.toString('latin1', 0, 4) === 'JFIF')).toBe(true);
    expect(segments.some(([m, d]) => m === 0xe2 && d.toString('latin1', 0, 11) === 'ICC_PROFILE')).toBe(true);
    expect(segments.some(([m]) => m === 0xed || m === 0xfe)).toBe(false);
    expect(scanOf(out).equals(scanOf(tinyJpeg()))).toBe(true);
  });

  it('JPEG: the default orientation needs no EXIF at all; a clean file comes back unchanged', () => {
    const out = stripJpeg(jpegWithMetadata(1));
    expect(jpegSegments(out).some(([m]) => m === 0xe1)).toBe(false);
    expect(out.equals(tinyJpeg())).toBe(true);
    expect(stripJpeg(tinyJpeg()).equals(tinyJpeg())).toBe(true);
  });

  it('PNG: drops eXIf, tEXt, iTXt and tIME; keeps the colour chunks and the pixels', () => {
    const input = pngWithMetadata();
    expect(pngChunkTypes(input)).toEqual(['IHDR', 'gAMA', 'eXIf', 'tEXt', 'iTXt', 'tIME', 'IDAT', 'IEND']);
    const out = stripPng(input);
    expectNoMetadata(out);
    expect(pngChunkTypes(out)).toEqual(['IHDR', 'gAMA', 'IDAT', 'IEND']);
    expect(stripPng(tinyPng()).equals(tinyPng())).toBe(true);
  });

  it('WebP: drops the EXIF and XMP chunks and clears their flags', () => {
    const chunk = (type: string, data: Buffer) => {
      const head = Buffer.alloc(8);
      head.write(type, 0, 'latin1');
      head.writeUInt32LE(data.length, 4);
      return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
    };
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x08 | 0x04; // EXIF and XMP present
    const body = Buffer.concat([
      Buffer.from('WEBP', 'latin1'), chunk('VP8X', vp8x), chunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0])),
      chunk('EXIF', exifPayload().subarray(6)), chunk('XMP ', Buffer.from(`<x:xmpmeta>${SECRET_PLACE}</x:xmpmeta>`, 'latin1')),
    ]);
    const input = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.alloc(4), body]);
    input.writeUInt32LE(body.length, 4);
    const out = stripWebp(input);
    expectNoMetadata(out);
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out[20]).toBe(0);
    expect(out.toString('latin1')).toContain('VP8L');
  });

  it('refuses to walk a truncated image', () => {
    expect(() => stripJpeg(jpegWithMetadata().subarray(0, 40))).toThrow();
    expect(() => stripPng(pngWithMetadata().subarray(0, 60))).toThrow();
  });
});

describe('uploads are stored without their metadata', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'ecom-strip-'));
  const { app } = await useTestApp({ dataDir });
  const community = await createCommunity(app);
  const signed = await signedInUser(app);
  await addMember(app, community.id, signed.user.id);
  const headers: Record<string, string> = { ...signed.headers };

  function upload(filename: string, contentType: string, data: Buffer) {
    const body = multipart([{ name: 'alt', value: 'Le square rénové' }, { name: 'file', file: { filename, contentType, data } }]);
    return app.inject({ method: 'POST', url: `/api/communities/${community.slug}/attachments`, headers: { ...headers, 'content-type': body.contentType }, payload: body.payload });
  }

  async function stored(res: Awaited<ReturnType<typeof upload>>): Promise<Buffer> {
    expect(res.statusCode, res.body).toBe(201);
    const got = await app.inject({ method: 'GET', url: res.json().url, headers });
    expect(got.statusCode).toBe(200);
    const bytes = got.rawPayload;
    expect(res.json().size).toBe(bytes.length);
    const { rows } = await app.pool.query('SELECT sha256, size FROM attachments WHERE id = $1', [res.json().id]);
    expect(rows[0]).toMatchObject({ sha256: createHash('sha256').update(bytes).digest('hex') });
    return bytes;
  }

  it('a phone photo (JPEG with GPS EXIF) is served without GPS, device nor description, still upright', async () => {
    const bytes = await stored(await upload('photo.jpg', 'image/jpeg', jpegWithMetadata(6)));
    expectNoMetadata(bytes);
    expect(bytes.equals(stripJpeg(jpegWithMetadata(6)))).toBe(true);
  });

  it('a PNG with text and EXIF chunks is served without them', async () => {
    const bytes = await stored(await upload('capture.png', 'image/png', pngWithMetadata()));
    expectNoMetadata(bytes);
    expect(pngChunkTypes(bytes)).toEqual(['IHDR', 'gAMA', 'IDAT', 'IEND']);
  });

  it('an image whose structure is broken is refused with a French message', async () => {
    const res = await upload('photo.jpg', 'image/jpeg', jpegWithMetadata().subarray(0, 300));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IMAGE_UNREADABLE', message: expect.stringContaining('illisible') });
  });
});
