import type { FastifyReply } from 'fastify';
import { allowedType } from '../../../../common/attachments.js';
import { AppError } from '../../lib/errors.js';
import type { Storage } from '../../lib/storage/index.js';
import type { AttachmentRow } from './queries.js';

/** RFC 6266 / 5987: an ASCII fallback plus the exact UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends the stored bytes with the type sniffed at upload, never anything the client said.
 * Served from our own origin, a file is treated as hostile: office documents are always downloaded rather
 * than rendered, and the route's headers forbid type guessing and run the rest in a sandbox with no scripts.
 */
export async function sendAttachment(reply: FastifyReply, storage: Storage, row: AttachmentRow, ifNoneMatch: string): Promise<FastifyReply> {
  const family = allowedType(row.mime)?.family ?? 'office';
  const etag = `"${row.sha256}"`;
  // nosniff, the sandboxing policy and same-origin resource policy come from the route's `securityPolicy`
  // (ATTACHMENT_CSP in plugins/security-headers.ts), with every other security header.
  reply
    // Access is checked per reader, so shared caches must not keep it; the content never changes.
    .header('cache-control', 'private, max-age=86400')
    .header('etag', etag);
  if (ifNoneMatch.split(',').map((s) => s.trim()).includes(etag)) return reply.status(304).send();
  const blob = await storage.get(row.storage_key);
  if (!blob) {
    reply.log.error({ attachment: row.id, key: row.storage_key }, 'attachment blob missing');
    throw new AppError('ATTACHMENT_NOT_FOUND');
  }
  return reply
    .header('content-type', row.mime)
    .header('content-length', String(row.size))
    .header('content-disposition', contentDisposition(family === 'office' ? 'attachment' : 'inline', row.original_name))
    .send(blob.stream);
}
