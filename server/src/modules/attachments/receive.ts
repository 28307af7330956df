import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { LIMITS } from '../../../../common/limits.js';
import { AppError } from '../../lib/errors.js';
import { refuseNul } from '../../plugins/input-guard.js';

export interface ReceivedFile {
  tmpPath: string;
  size: number;
  sha256: string;
  /** As the client named it; only used for display and to detect a mismatch. */
  filename: string;
  /** As the client declared it; never trusted, only compared with the content. */
  claimedMime: string;
}

/** The largest file of any kind; each kind's own limit is checked once the content is sniffed. */
export const MAX_UPLOAD_BYTES = Math.max(LIMITS.attachmentImageBytes, LIMITS.attachmentDocumentBytes);

export const MULTIPART_LIMITS = {
  fileSize: MAX_UPLOAD_BYTES + 1,
  files: 1,
  fields: 10,
  fieldSize: LIMITS.attachmentLongDesc * 4,
  parts: 12,
};

/**
 * Streams the one file of a multipart upload to a temp file (hashing and counting on the way,
 * never holding it in memory) and collects the text fields, whatever their order.
 */
export async function receiveUpload(request: FastifyRequest, tmpDir: string): Promise<{ file: ReceivedFile | null; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier en multipart/form-data.');
  await mkdir(tmpDir, { recursive: true });
  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        // Multipart fields never reach request.body, where the input guard looks for NUL characters.
        if (typeof part.value === 'string') {
          refuseNul(part.value, part.fieldname);
          fields[part.fieldname] = part.value;
        }
        continue;
      }
      if (file || part.fieldname !== 'file') {
        part.file.resume(); // drain what we do not keep
        continue;
      }
      const tmpPath = join(tmpDir, `${randomUUID()}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > MAX_UPLOAD_BYTES) return done(new AppError('FILE_TOO_LARGE', tooLargeMessage(MAX_UPLOAD_BYTES)));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      file = { tmpPath, size: 0, sha256: '', filename: part.filename ?? '', claimedMime: part.mimetype ?? '' };
      await pipeline(part.file, meter, createWriteStream(tmpPath));
      if (part.file.truncated) throw new AppError('FILE_TOO_LARGE', tooLargeMessage(MAX_UPLOAD_BYTES));
      file.size = size;
      file.sha256 = hash.digest('hex');
    }
  } catch (err) {
    if (file) await unlink(file.tmpPath).catch(() => undefined);
    throw translate(err);
  }
  return { file, fields };
}

export function tooLargeMessage(bytes: number, what = 'Ce fichier'): string {
  return `${what} dépasse la taille maximale de ${Math.round(bytes / (1024 * 1024))} Mo.`;
}

/**
 * @fastify/multipart's own limit errors, in our codes. The parser (busboy) throws plain errors without a
 * code on a body that is not multipart after all ("Boundary not found", "Unexpected end of form"): those
 * are the client's, a 400. Only system errors (disk full, permissions: they carry a `syscall`) stay 500s.
 */
function translate(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const { code = '', syscall } = err as { code?: string; syscall?: string };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('FILE_TOO_LARGE', tooLargeMessage(MAX_UPLOAD_BYTES));
  if (code.startsWith('FST_') || code === 'ERR_STREAM_PREMATURE_CLOSE' || (!code && !syscall)) {
    return new AppError('BAD_REQUEST', 'Envoi du fichier incomplet ou invalide.');
  }
  return err;
}
