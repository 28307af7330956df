import { inflateRawSync } from 'node:zlib';

/** Test-only helpers of the reports tests. */

/** The text of word/document.xml inside a DOCX (a zip whose local headers carry the sizes). */
export function docxXml(buf: Buffer): string {
  for (let i = buf.indexOf('PK\x03\x04'); i >= 0; i = buf.indexOf('PK\x03\x04', i + 4)) {
    const method = buf.readUInt16LE(i + 8);
    const size = buf.readUInt32LE(i + 18);
    const nameLength = buf.readUInt16LE(i + 26);
    const extraLength = buf.readUInt16LE(i + 28);
    if (buf.subarray(i + 30, i + 30 + nameLength).toString() !== 'word/document.xml') continue;
    const start = i + 30 + nameLength + extraLength;
    const data = buf.subarray(start, start + size);
    return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
  }
  throw new Error('word/document.xml absent');
}
