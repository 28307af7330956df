import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeflate, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import { signedInUser } from '../../../test/factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { multipart, tinyPng } from './attachments.fixtures.js';
import { imageDimensions } from './image-dimensions.js';

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A valid black 1-bit greyscale PNG of any size: its rows of zeros deflate to almost nothing. */
async function blackPng(width: number, height: number): Promise<Buffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const row = Buffer.alloc(1 + Math.ceil(width / 8)); // filter byte, then the pixels
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  for (let y = 0; y < height; y++) if (!deflate.write(row)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await done;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', Buffer.concat(out)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('image pixel budget', async () => {
  const { app } = await useTestApp({ dataDir: await mkdtemp(join(tmpdir(), 'ecom-pixels-')) });
  const community = await createCommunity(app);
  const signed = await signedInUser(app);
  await addMember(app, community.id, signed.user.id);
  const headers = { ...signed.headers } as Record<string, string>;
  const upload = (data: Buffer, filename = 'image.png') => {
    const body = multipart([{ name: 'alt', value: 'Une image' }, { name: 'file', file: { filename, contentType: 'image/png', data } }]);
    return app.inject({ method: 'POST', url: `/api/communities/${community.slug}/attachments`, headers: { ...headers, 'content-type': body.contentType }, payload: body.payload });
  };

  it('refuses a valid 30,000 × 30,000 PNG with a French 413, and stores nothing', async () => {
    const huge = await blackPng(30_000, 30_000);
    expect(huge.length).toBeLessThan(LIMIT_BYTES);
    const res = await upload(huge);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'IMAGE_TOO_LARGE_PIXELS' });
    expect(res.json().message).toBe('Cette image mesure 30\u202f000 × 30\u202f000 pixels, au-delà de 40 mégapixels : réduisez ses dimensions avant de l’envoyer.');
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM attachments WHERE uploader_id = $1', [signed.user.id]);
    expect(rows[0].n).toBe(0);
  });

  it('accepts an image within the budget (8,000 × 5,000 = 40 megapixels)', async () => {
    expect((await upload(await blackPng(8_000, 5_000))).statusCode).toBe(201);
    expect((await upload(tinyPng())).statusCode).toBe(201);
  });

  it('reads the size from the header of each accepted format without decoding', () => {
    expect(imageDimensions(tinyPng(), 'image/png')).toEqual({ width: 1, height: 1 });
    const gif = Buffer.from('GIF89a\x10\x27\x20\x4e\x00\x00\x00', 'latin1');
    expect(imageDimensions(gif, 'image/gif')).toEqual({ width: 10_000, height: 20_000 });
    // JPEG: SOI, an APP0 segment to skip, then a baseline frame header 7000 × 9000.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x23, 0x28, 0x1b, 0x58, 0x03]);
    expect(imageDimensions(jpeg, 'image/jpeg')).toEqual({ width: 7000, height: 9000 });
    const vp8x = Buffer.alloc(30);
    vp8x.write('RIFF', 0, 'latin1');
    vp8x.write('WEBPVP8X', 8, 'latin1');
    vp8x.writeUIntLE(16_383, 24, 3);
    vp8x.writeUIntLE(9_999, 27, 3);
    expect(imageDimensions(vp8x, 'image/webp')).toEqual({ width: 16_384, height: 10_000 });
    const vp8l = Buffer.alloc(25);
    vp8l.write('RIFF', 0, 'latin1');
    vp8l.write('WEBPVP8L', 8, 'latin1');
    vp8l.writeUInt32LE((4_999) | (2_999 << 14), 21);
    expect(imageDimensions(vp8l, 'image/webp')).toEqual({ width: 5_000, height: 3_000 });
    expect(imageDimensions(Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg')).toBeNull();
  });
});

const LIMIT_BYTES = 5 * 1024 * 1024;
