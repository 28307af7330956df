import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { keyFor, type Storage } from '../../lib/storage/index.js';
import type { ParsedEmbed } from './embeds.js';
import type { ReceivedFile } from './receive.js';
import type { DescribedFields } from './sniff.js';

/**
 * Stores the received file, then records it. The blob is written first: a row must never point
 * to missing bytes, while a blob without a row is only wasted space (content-addressed, so a
 * retry reuses it).
 */
export async function createAttachment(
  db: Db,
  storage: Storage,
  input: { file: ReceivedFile; mime: string; name: string; described: DescribedFields; inline: boolean; communityId: number; uploaderId: number },
): Promise<number> {
  const { file, described } = input;
  const key = keyFor(file.sha256);
  await storage.putFile(key, file.tmpPath, { size: file.size, mime: input.mime, sha256: file.sha256 });
  const { rows } = await db.execute<{ id: number }>(sql`
    INSERT INTO attachments (uploader_id, community_id, storage_key, mime, size, original_name, alt, long_desc_md, long_desc_html, format, sha256, inline)
    VALUES (${input.uploaderId}, ${input.communityId}, ${key}, ${input.mime}, ${file.size}, ${input.name}, ${described.alt},
            ${described.longDescMd}, ${described.longDescMd ? renderMarkdown(described.longDescMd) : ''}, ${described.format}, ${file.sha256}, ${input.inline})
    RETURNING id`);
  return rows[0]!.id;
}

/**
 * Makes `ids`, in this order, the attachments of the post. Each must be the user's own upload in the
 * post's community, pending or already on this post (never an image placed in a text). Those left out are removed from the post.
 * The rows are locked so two concurrent edits cannot both claim the same upload.
 */
export async function setPostAttachments(db: Db, post: { id: number; communityId: number }, userId: number, ids: number[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM posts WHERE id = ${post.id} FOR UPDATE`);
    if (ids.length > 0) {
      const { rows } = await tx.execute<{ id: number; uploader_id: number; community_id: number; post_id: number | null; inline: boolean }>(sql`
        SELECT id, uploader_id, community_id, post_id, inline FROM attachments
         WHERE id = ANY(${sql.raw(`ARRAY[${ids.map(Number).join(',')}]::bigint[]`)}) FOR UPDATE`);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const [index, id] of ids.entries()) {
        const row = byId.get(id);
        // An image of a text stays out: removed from the list later, its row would go and the text show a hole.
        const usable = row && !row.inline && row.community_id === post.communityId
          && (row.post_id === post.id || (row.post_id === null && row.uploader_id === userId));
        if (!usable) throw new AppError('ATTACHMENT_NOT_FOUND', undefined, { [`ids.${index}`]: 'Fichier introuvable ou déjà utilisé ailleurs.' });
      }
    }
    const list = sql.raw(`ARRAY[${ids.map(Number).join(',')}]::bigint[]`);
    // Removed from the post: the row goes; the blob stays for the storage sweep (others may share it).
    await tx.execute(sql`DELETE FROM attachments WHERE post_id = ${post.id} AND NOT (id = ANY(${list}))`);
    if (ids.length > 0) {
      await tx.execute(sql`
        UPDATE attachments a SET post_id = ${post.id}, position = o.ord - 1
          FROM unnest(${list}) WITH ORDINALITY AS o(id, ord)
         WHERE a.id = o.id`);
    }
  });
}

/** Replaces the post's embeds by `items`, in order. */
export async function setPostEmbeds(db: Db, postId: number, items: ParsedEmbed[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM posts WHERE id = ${postId} FOR UPDATE`);
    await tx.execute(sql`DELETE FROM post_embeds WHERE post_id = ${postId}`);
    for (const [position, e] of items.entries()) {
      await tx.execute(sql`
        INSERT INTO post_embeds (post_id, position, provider, url, embed_url, title)
        VALUES (${postId}, ${position}, ${e.provider}, ${e.url}, ${e.embedUrl}, ${e.title})`);
    }
  });
}

/** Deletes the row; the blob is left to the storage sweep, as another row may share it. */
export async function deleteAttachment(db: Db, id: number): Promise<void> {
  await db.execute(sql`DELETE FROM attachments WHERE id = ${id}`);
}
