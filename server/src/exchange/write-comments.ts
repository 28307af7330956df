/** Comments (with replies and accepted solutions), « utile » marks, dossiers and attachments. */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { keyFor } from '../lib/storage/index.js';
import { renderMarkdown } from '../lib/markdown.js';
import type { AttachmentLine, CommentLine, DossierLine, ReactionLine } from './format.js';
import { finishUpdates } from './write-people.js';
import { copyObjects } from '../db/copy.js';
import {
  allocate, atMostNow, content, emptyOutcome, markdownOf, ownPaths, renderAll, resolve, saveNewMappings, saveOldAddresses, split,
  type Ctx, type Outcome, type Pending,
} from './store.js';

const COMMENT_RECORD = 'x(id bigint, post_id bigint, author_id bigint, reply_to_id bigint, body_md text, body_html text, created_at timestamptz, edited_at timestamptz, deleted_at timestamptz)';
const COMMENT_COLUMNS = ['id', 'post_id', 'author_id', 'reply_to_id', 'body_md', 'body_html', 'created_at', 'edited_at', 'deleted_at'] as const;

export async function writeComments(ctx: Ctx, batch: Pending<CommentLine>[]): Promise<Outcome> {
  const out = emptyOutcome();
  const { fresh, changed, unchanged } = await split(ctx, 'comment', batch, (c) => c.id);
  out.unchanged = unchanged;
  const lines = [...fresh, ...changed].map((p) => p.value);
  const posts = await resolve(ctx, 'post', lines.map((c) => c.post));
  const members = await resolve(ctx, 'member', lines.map((c) => c.author));
  const ids = await allocate(ctx, 'comments', fresh.length);
  // A reply may answer a comment of the same batch: those ids are known before anything is written.
  const local = await resolve(ctx, 'comment', lines.map((c) => c.replyTo));
  fresh.forEach((p, i) => local.set(p.value.id, ids[i]!));
  const own = ownPaths(fresh.map((p, i) => ({ oldUrl: p.value.oldUrl, newPath: `/publications/${posts.get(p.value.post)}#commentaire-${ids[i]}` })));
  const ahead = new Map([...fresh, ...changed].map((p) => [p.value, p.rendered]));
  const md = await markdownOf(ctx, lines, (c) => c.body, own, ahead);
  const rendered = await renderAll(ctx, lines, md, ahead, false);
  const columns = (c: CommentLine, id: number) => {
    const body = rendered.get(c)!;
    return {
      id, post_id: posts.get(c.post), author_id: members.get(c.author), reply_to_id: c.replyTo ? local.get(c.replyTo) ?? null : null,
      body_md: body.md, body_html: body.html, created_at: c.createdAt, edited_at: atMostNow(c.editedAt), deleted_at: c.deletedAt ?? null,
    };
  };
  if (fresh.length > 0) {
    // COPY writes the ids taken ahead as INSERT … OVERRIDING SYSTEM VALUE would.
    await copyObjects(ctx.client, 'comments', COMMENT_COLUMNS, fresh.map((p, i) => columns(p.value, ids[i]!)));
    const solutions = fresh.flatMap((p, i) => (p.value.solution ? [{ post_id: posts.get(p.value.post), comment_id: ids[i], author_id: members.get(p.value.author), at: p.value.createdAt }] : []));
    if (solutions.length > 0) {
      await ctx.client.query(
        `UPDATE questions q SET solution_comment_id = x.comment_id, answer_comment_id = coalesce(q.answer_comment_id, x.comment_id),
                                answered_at = coalesce(q.answered_at, x.at), answered_by = coalesce(q.answered_by, x.author_id)
           FROM json_to_recordset($1::json) AS x(post_id bigint, comment_id bigint, author_id bigint, at timestamptz)
          WHERE q.post_id = x.post_id`, [JSON.stringify(solutions)]);
    }
  }
  out.inserted = fresh.length;
  await saveNewMappings(ctx, 'comment', fresh.map((p, i) => ({ sourceId: p.value.id, localId: ids[i]!, hash: p.hash, oldUrl: p.value.oldUrl })));
  await saveOldAddresses(ctx, fresh.map((p, i) => ({ oldUrl: p.value.oldUrl, newPath: `/publications/${posts.get(p.value.post)}#commentaire-${ids[i]}` })));
  if (changed.length > 0) {
    const { rows: done } = await ctx.client.query<{ id: number }>(
      `UPDATE comments c SET body_md = x.body_md, body_html = x.body_html, edited_at = x.edited_at, deleted_at = x.deleted_at
         FROM json_to_recordset($1::json) AS ${COMMENT_RECORD}, exchange_mappings m
        WHERE c.id = x.id AND m.source = $2 AND m.kind = 'comment' AND m.local_id = x.id
          AND coalesce(c.edited_at, c.created_at) <= m.updated_at AND coalesce(c.moderated_at, c.hidden_at, c.created_at) <= m.updated_at
        RETURNING c.id`,
      [JSON.stringify(changed.map((p) => columns(p.value, p.localId))), ctx.source]);
    await finishUpdates(ctx, 'comment', changed, done, out);
  }
  return out;
}

/** « Utile » marks are added once, never removed by a later import. */
export async function writeReactions(ctx: Ctx, batch: Pending<ReactionLine>[]): Promise<Outcome> {
  const out = emptyOutcome();
  const idOf = (r: ReactionLine) => `${r.post}:${r.member}`;
  const { fresh, changed, unchanged } = await split(ctx, 'reaction', batch, idOf);
  Object.assign(out, { unchanged, kept: changed.length, inserted: fresh.length });
  const posts = await resolve(ctx, 'post', fresh.map((p) => p.value.post));
  const members = await resolve(ctx, 'member', fresh.map((p) => p.value.member));
  const rows = fresh.map((p) => ({ post_id: posts.get(p.value.post)!, user_id: members.get(p.value.member)!, created_at: p.value.createdAt }));
  if (rows.length > 0) {
    await ctx.client.query(
      `INSERT INTO post_reactions (post_id, user_id, created_at)
       SELECT * FROM json_to_recordset($1::json) AS x(post_id bigint, user_id bigint, created_at timestamptz) ON CONFLICT DO NOTHING`, [JSON.stringify(rows)]);
  }
  await saveNewMappings(ctx, 'reaction', fresh.map((p, i) => ({ sourceId: idOf(p.value), localId: rows[i]!.post_id, hash: p.hash })));
  return out;
}

export async function writeDossiers(ctx: Ctx, batch: Pending<DossierLine>[]): Promise<Outcome> {
  const out = emptyOutcome();
  const { fresh, changed, unchanged } = await split(ctx, 'dossier', batch, (d) => d.id);
  out.unchanged = unchanged;
  const lines = [...fresh, ...changed].map((p) => p.value);
  const communities = await resolve(ctx, 'community', lines.map((d) => d.community));
  const members = await resolve(ctx, 'member', lines.map((d) => d.createdBy));
  const posts = await resolve(ctx, 'post', fresh.flatMap((p) => p.value.items.map((i) => i.post)));
  const { rows: slugs } = await ctx.client.query<{ id: number; slug: string }>('SELECT id, slug FROM communities WHERE id = ANY($1::bigint[])', [[...communities.values()]]);
  const slugOf = new Map(slugs.map((r) => [Number(r.id), r.slug]));
  const ids = await allocate(ctx, 'dossiers', fresh.length);
  const columns = (d: DossierLine, id: number) => {
    const intro = d.intro ? content(d.intro) : { md: '', html: '' };
    return { id, community_id: communities.get(d.community), title: d.title, intro_md: intro.md, intro_html: intro.html, created_by: members.get(d.createdBy), created_at: d.createdAt, item_count: d.items.length };
  };
  if (fresh.length > 0) {
    await ctx.client.query(
      `INSERT INTO dossiers (id, community_id, title, intro_md, intro_html, created_by, created_at, updated_at, item_count) OVERRIDING SYSTEM VALUE
       SELECT id, community_id, title, intro_md, intro_html, created_by, created_at, now(), item_count
         FROM json_to_recordset($1::json) AS x(id bigint, community_id bigint, title text, intro_md text, intro_html text, created_by bigint, created_at timestamptz, item_count int)`,
      [JSON.stringify(fresh.map((p, i) => columns(p.value, ids[i]!)))]);
    const items = fresh.flatMap((p, i) => p.value.items.map((item, position) => ({ dossier_id: ids[i], post_id: posts.get(item.post), position, note: item.note ?? '', added_at: p.value.createdAt })));
    if (items.length > 0) {
      await ctx.client.query(
        `INSERT INTO dossier_items (dossier_id, post_id, position, note, added_at)
         SELECT * FROM json_to_recordset($1::json) AS x(dossier_id bigint, post_id bigint, position int, note text, added_at timestamptz)`, [JSON.stringify(items)]);
    }
  }
  out.inserted = fresh.length;
  await saveNewMappings(ctx, 'dossier', fresh.map((p, i) => ({ sourceId: p.value.id, localId: ids[i]!, hash: p.hash, oldUrl: p.value.oldUrl })));
  await saveOldAddresses(ctx, fresh.map((p, i) => ({ oldUrl: p.value.oldUrl, newPath: `/communautes/${slugOf.get(communities.get(p.value.community)!)}/dossiers/${ids[i]}` })));
  if (changed.length > 0) {
    // Title and introduction follow the source; the items chosen here stay.
    const { rows: done } = await ctx.client.query<{ id: number }>(
      `UPDATE dossiers d SET title = x.title, intro_md = x.intro_md, intro_html = x.intro_html, updated_at = now()
         FROM json_to_recordset($1::json) AS x(id bigint, title text, intro_md text, intro_html text), exchange_mappings m
        WHERE d.id = x.id AND m.source = $2 AND m.kind = 'dossier' AND m.local_id = x.id AND d.updated_at <= m.updated_at
        RETURNING d.id`,
      [JSON.stringify(changed.map((p) => columns(p.value, p.localId))), ctx.source]);
    await finishUpdates(ctx, 'dossier', changed, done, out);
  }
  return out;
}

const FILES_AT_ONCE = 8;

/** Files are stored before their rows: a blob is content-addressed, so one left by a killed run is simply reused. */
export async function writeAttachments(ctx: Ctx, batch: Pending<AttachmentLine>[]): Promise<Outcome> {
  const out = emptyOutcome();
  const { fresh, changed, unchanged } = await split(ctx, 'attachment', batch, (a) => a.id);
  Object.assign(out, { unchanged, kept: changed.length, inserted: fresh.length });
  const posts = await resolve(ctx, 'post', fresh.map((p) => p.value.post));
  const members = await resolve(ctx, 'member', fresh.map((p) => p.value.uploader));
  const { rows: postRows } = await ctx.client.query<{ id: number; community_id: number }>('SELECT id, community_id FROM posts WHERE id = ANY($1::bigint[])', [[...posts.values()]]);
  const communityOf = new Map(postRows.map((r) => [Number(r.id), Number(r.community_id)]));
  await mkdir(ctx.uploadTmp, { recursive: true });
  // Several files at a time: each is mostly waiting on the disk (or the object store).
  for (let i = 0; i < fresh.length; i += FILES_AT_ONCE) {
    await Promise.all(fresh.slice(i, i + FILES_AT_ONCE).map(async (p) => {
      const tmp = join(ctx.uploadTmp, `import-${randomUUID()}`);
      await copyFile(join(ctx.dir, 'files', p.value.sha256), tmp);
      await ctx.storage.putFile(keyFor(p.value.sha256), tmp, { size: p.value.size, mime: p.value.mime, sha256: p.value.sha256 });
    }));
  }
  const ids = await allocate(ctx, 'attachments', fresh.length);
  const rows = fresh.map((p, i) => {
    const a = p.value;
    const post = posts.get(a.post)!;
    return {
      id: ids[i], uploader_id: members.get(a.uploader), community_id: communityOf.get(post), post_id: post, position: 0, storage_key: keyFor(a.sha256),
      mime: a.mime, size: a.size, original_name: a.name, alt: a.alt, long_desc_md: a.longDescription ?? '',
      long_desc_html: a.longDescription ? renderMarkdown(a.longDescription) : '', format: a.format, sha256: a.sha256, created_at: a.createdAt,
    };
  });
  if (rows.length > 0) {
    await ctx.client.query(
      `INSERT INTO attachments (id, uploader_id, community_id, post_id, position, storage_key, mime, size, original_name, alt, long_desc_md, long_desc_html, format, sha256, created_at)
       OVERRIDING SYSTEM VALUE
       SELECT * FROM json_to_recordset($1::json) AS x(id bigint, uploader_id bigint, community_id bigint, post_id bigint, position int, storage_key text,
         mime text, size int, original_name text, alt text, long_desc_md text, long_desc_html text, format attachment_format, sha256 text, created_at timestamptz)`,
      [JSON.stringify(rows)]);
  }
  await saveNewMappings(ctx, 'attachment', fresh.map((p, i) => ({ sourceId: p.value.id, localId: ids[i]!, hash: p.hash })));
  return out;
}
