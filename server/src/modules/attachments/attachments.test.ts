import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../common/limits.js';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import { signedInUser } from '../../../test/factories.js';
import { makeTestApp, useTestApp } from '../../../test/helpers.js';
import type { App } from '../../types.js';
import { minimalDocx, minimalOdt, minimalPdf, multipart, tinyPng, zip, type Part } from './attachments.fixtures.js';

const dataDir = await mkdtemp(join(tmpdir(), 'ecom-attachments-'));

async function member(app: App, communityId: number, role: 'member' | 'animator' | 'coordinator' = 'member') {
  const signed = await signedInUser(app);
  await addMember(app, communityId, signed.user.id, role);
  return { user: signed.user, headers: { ...signed.headers } as Record<string, string> };
}

async function insertPost(app: App, communityId: number, authorId: number): Promise<number> {
  const { rows } = await app.pool.query<{ id: number }>(
    `INSERT INTO posts (community_id, author_id, title, body_md, body_html) VALUES ($1, $2, 'Avec pièces jointes', 'Texte', '<p>Texte</p>') RETURNING id`,
    [communityId, authorId],
  );
  return rows[0]!.id;
}

function upload(app: App, slug: string, headers: Record<string, string>, parts: Part[]) {
  const body = multipart(parts);
  return app.inject({ method: 'POST', url: `/api/communities/${slug}/attachments`, headers: { ...headers, 'content-type': body.contentType }, payload: body.payload });
}

const png = (filename = 'plan.png', contentType = 'image/png', data = tinyPng()): Part => ({ name: 'file', file: { filename, contentType, data } });

describe('attachments', async () => {
  const { app } = await useTestApp({ dataDir });
  const community = await createCommunity(app);
  const author = await member(app, community.id);

  it('uploads an image with its alternative, attaches it to a post, and serves it with safe headers', async () => {
    const res = await upload(app, community.slug, author.headers, [{ name: 'alt', value: 'Plan du quartier' }, png('Plan du quartier été.png')]);
    expect(res.statusCode).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ mime: 'image/png', family: 'image', format: 'image', alt: 'Plan du quartier', name: 'Plan du quartier été.png', postId: null });

    // Pending: only its uploader reads it.
    const other = await member(app, community.id);
    expect((await app.inject({ method: 'GET', url: file.url, headers: other.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: file.url, headers: author.headers })).statusCode).toBe(200);

    const postId = await insertPost(app, community.id, author.user.id);
    const put = await app.inject({ method: 'PUT', url: `/api/posts/${postId}/attachments`, headers: author.headers, payload: { ids: [file.id] } });
    expect(put.statusCode).toBe(200);
    expect(put.json().attachments).toHaveLength(1);
    expect(put.json().can.manage).toBe(true);

    // Anyone who reads the (open) community's post reads it, anonymous included.
    const got = await app.inject({ method: 'GET', url: `/api/attachments/${file.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toBe("sandbox;default-src 'none';img-src 'self';style-src 'unsafe-inline';frame-ancestors 'none'");
    // The rest of the security headers, as on every response (plugins/security-headers.ts).
    expect(got.headers).toMatchObject({ 'cross-origin-resource-policy': 'same-origin', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY', 'permissions-policy': expect.stringContaining('camera=()') });
    expect(got.headers['content-disposition']).toBe(`inline; filename="Plan du quartier ete.png"; filename*=UTF-8''Plan%20du%20quartier%20%C3%A9t%C3%A9.png`);
    expect(got.rawPayload.equals(tinyPng())).toBe(true);
    const again = await app.inject({ method: 'GET', url: file.url, headers: { 'if-none-match': String(got.headers.etag) } });
    expect(again.statusCode).toBe(304);

    const media = await app.inject({ method: 'GET', url: `/api/posts/${postId}/media`, headers: other.headers });
    expect(media.json()).toMatchObject({ attachments: [{ id: file.id, alt: 'Plan du quartier' }], embeds: [], can: { manage: false } });
  });

  it('keeps a hidden post’s files from its readers, as the post itself: only its author and the moderators', async () => {
    const res = await upload(app, community.slug, author.headers, [{ name: 'alt', value: 'Affiche' }, png('affiche.png')]);
    const file = res.json();
    const postId = await insertPost(app, community.id, author.user.id);
    await app.inject({ method: 'PUT', url: `/api/posts/${postId}/attachments`, headers: author.headers, payload: { ids: [file.id] } });
    await app.pool.query(`UPDATE posts SET hidden_at = now(), hidden_reason = 'Hors charte' WHERE id = $1`, [postId]);
    const reader = await member(app, community.id);
    const animator = await member(app, community.id, 'animator');
    expect((await app.inject({ method: 'GET', url: file.url })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: file.url, headers: reader.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/posts/${postId}/media`, headers: reader.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: file.url, headers: author.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: file.url, headers: animator.headers })).statusCode).toBe(200);
  });

  it('tells office documents apart by their content and sends them as downloads', async () => {
    const docx = await upload(app, community.slug, author.headers, [
      { name: 'file', file: { filename: 'compte-rendu.docx', contentType: 'application/octet-stream', data: minimalDocx() } },
    ]);
    expect(docx.statusCode).toBe(201);
    expect(docx.json()).toMatchObject({ mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', family: 'office', format: 'document' });
    const odt = await upload(app, community.slug, author.headers, [
      { name: 'file', file: { filename: 'note.odt', contentType: 'application/vnd.oasis.opendocument.text', data: minimalOdt() } },
    ]);
    expect(odt.json().mime).toBe('application/vnd.oasis.opendocument.text');
    const got = await app.inject({ method: 'GET', url: docx.json().url, headers: author.headers });
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename="compte-rendu.docx"/);

    // A plain zip named .docx is not a Word document.
    const fake = await upload(app, community.slug, author.headers, [
      { name: 'file', file: { filename: 'faux.docx', contentType: 'application/octet-stream', data: zip([['a.txt', 'bonjour']]) } },
    ]);
    expect(fake.statusCode).toBe(415);
    expect(fake.json().code).toBe('FILE_TYPE_MISMATCH');
  });

  it('serves a PDF inline and accepts a mind map as PDF with its long description', async () => {
    const res = await upload(app, community.slug, author.headers, [
      { name: 'format', value: 'carte-mentale' },
      { name: 'longDesc', value: '# Acteurs\n\n- **Mairie**\n- Bailleurs' },
      { name: 'file', file: { filename: 'acteurs.pdf', contentType: 'application/pdf', data: minimalPdf() } },
    ]);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ format: 'carte-mentale', family: 'pdf' });
    expect(res.json().longDescHtml).toContain('<strong>Mairie</strong>');
    const got = await app.inject({ method: 'GET', url: res.json().url, headers: author.headers });
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toMatch(/^inline/);
  });

  it('refuses a .png that is really a PDF, unknown content, and a declared type that lies', async () => {
    const disguised = await upload(app, community.slug, author.headers, [{ name: 'alt', value: 'x' }, png('photo.png', 'image/png', minimalPdf())]);
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().code).toBe('FILE_TYPE_MISMATCH');
    const text = await upload(app, community.slug, author.headers, [png('notes.txt', 'text/plain', Buffer.from('juste du texte'))]);
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
    const lying = await upload(app, community.slug, author.headers, [{ name: 'alt', value: 'x' }, png('plan', 'application/pdf')]);
    expect(lying.json().code).toBe('FILE_TYPE_MISMATCH');
    const svg = await upload(app, community.slug, author.headers, [png('logo.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))]);
    expect(svg.statusCode).toBe(415);
  });

  it('requires alternative text for images and a long description for infographics', async () => {
    const noAlt = await upload(app, community.slug, author.headers, [{ name: 'alt', value: '   ' }, png()]);
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.json()).toMatchObject({ code: 'ALT_REQUIRED', fields: { alt: expect.any(String) } });
    const noLong = await upload(app, community.slug, author.headers, [{ name: 'alt', value: 'Chiffres clés' }, { name: 'format', value: 'infographie' }, png()]);
    expect(noLong.json().code).toBe('LONG_DESC_REQUIRED');
    const wrongFormat = await upload(app, community.slug, author.headers, [{ name: 'format', value: 'image' }, { name: 'file', file: { filename: 'a.pdf', contentType: 'application/pdf', data: minimalPdf() } }]);
    expect(wrongFormat.json().code).toBe('FORMAT_INVALID');
    const unknownFormat = await upload(app, community.slug, author.headers, [{ name: 'alt', value: 'x' }, { name: 'format', value: 'video' }, png()]);
    expect(unknownFormat.statusCode).toBe(400);
    const noFile = await upload(app, community.slug, author.headers, [{ name: 'alt', value: 'x' }]);
    expect(noFile.json().code).toBe('FILE_REQUIRED');
    const json = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/attachments`, headers: author.headers, payload: { alt: 'x' } });
    expect(json.statusCode).toBe(415);
  });

  it('answers 413 over the size limit of the kind', async () => {
    const big = Buffer.concat([tinyPng(), Buffer.alloc(LIMITS.attachmentImageBytes)]);
    const res = await upload(app, community.slug, author.headers, [{ name: 'alt', value: 'Trop grande' }, png('grande.png', 'image/png', big)]);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', message: 'Une image dépasse la taille maximale de 5 Mo.' });
    const huge = Buffer.concat([minimalPdf(), Buffer.alloc(LIMITS.attachmentDocumentBytes)]);
    const res2 = await upload(app, community.slug, author.headers, [{ name: 'file', file: { filename: 'x.pdf', contentType: 'application/pdf', data: huge } }]);
    expect(res2.statusCode).toBe(413);
    expect(res2.json().code).toBe('FILE_TOO_LARGE');
  });

  it('lets only members who may post upload', async () => {
    expect((await upload(app, community.slug, {}, [png()])).statusCode).toBe(401);
    const outsider = await signedInUser(app);
    const res = await upload(app, community.slug, { ...outsider.headers }, [{ name: 'alt', value: 'x' }, png()]);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('NOT_MEMBER');
    const unverified = await signedInUser(app, { verified: false });
    await addMember(app, community.id, unverified.user.id);
    expect((await upload(app, community.slug, { ...unverified.headers }, [png()])).json().code).toBe('EMAIL_NOT_VERIFIED');
    expect((await upload(app, 'nulle-part', author.headers, [png()])).statusCode).toBe(404);
  });

  it('hides the files of a draft community from its plain members', async () => {
    const draft = await createCommunity(app, { status: 'draft' });
    const coordinator = await member(app, draft.id, 'coordinator');
    const plain = await member(app, draft.id);
    const postId = await insertPost(app, draft.id, coordinator.user.id);
    const { rows } = await app.pool.query<{ id: number }>(
      `INSERT INTO attachments (uploader_id, community_id, post_id, storage_key, mime, size, original_name, alt, format, sha256)
       VALUES ($1, $2, $3, 'aa/bb/absent', 'image/png', 10, 'brouillon.png', 'Brouillon', 'image', 'absent') RETURNING id`,
      [coordinator.user.id, draft.id, postId],
    );
    const res = await app.inject({ method: 'GET', url: `/api/attachments/${rows[0]!.id}`, headers: plain.headers });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ATTACHMENT_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: `/api/posts/${postId}/media`, headers: plain.headers })).statusCode).toBe(404);
  });

  it('attaches only the author’s own pending uploads of the same community, in order, and detaches the rest', async () => {
    const a = (await upload(app, community.slug, author.headers, [{ name: 'alt', value: 'A' }, png('a.png')])).json();
    const b = (await upload(app, community.slug, author.headers, [{ name: 'file', file: { filename: 'b.pdf', contentType: 'application/pdf', data: minimalPdf() } }])).json();
    const postId = await insertPost(app, community.id, author.user.id);
    const put = (ids: number[], headers = author.headers, post = postId) =>
      app.inject({ method: 'PUT', url: `/api/posts/${post}/attachments`, headers, payload: { ids } });
    expect((await put([b.id, a.id])).json().attachments.map((x: { id: number }) => x.id)).toEqual([b.id, a.id]);
    expect((await put([a.id])).json().attachments.map((x: { id: number }) => x.id)).toEqual([a.id]);

    // Someone else's upload, or one already on another post, cannot be claimed.
    const other = await member(app, community.id);
    const theirs = (await upload(app, community.slug, other.headers, [{ name: 'alt', value: 'C' }, png('c.png')])).json();
    const stolen = await put([a.id, theirs.id]);
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json()).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND', fields: { 'ids.1': expect.any(String) } });
    const secondPost = await insertPost(app, community.id, author.user.id);
    expect((await put([a.id], author.headers, secondPost)).statusCode).toBe(404);
    // Only the author manages the post's files; bad bodies are 400.
    expect((await put([theirs.id], other.headers)).statusCode).toBe(403);
    expect((await put([a.id, a.id])).statusCode).toBe(400);
    expect((await app.inject({ method: 'PUT', url: `/api/posts/${postId}/attachments`, headers: author.headers, payload: { ids: 'x' } })).statusCode).toBe(400);
    expect((await put([a.id], author.headers, 999_999_999)).statusCode).toBe(404);
  });

  it('shows an image placed in a text to the community\'s readers at once, and to nobody who may not read it', async () => {
    const inline = (slug: string, headers: Record<string, string>, parts: Part[]) => upload(app, slug, headers, [{ name: 'inline', value: '1' }, ...parts]);
    const res = await inline(community.slug, author.headers, [{ name: 'alt', value: 'Plan du quartier' }, png()]);
    expect(res.statusCode).toBe(201);
    const file = res.json();
    expect(file.url).toBe(`/api/attachments/${file.id}/plan.png`);
    // Not attached to any post, yet read by every reader of the (open) community, anonymous included.
    const other = await member(app, community.id);
    expect((await app.inject({ method: 'GET', url: file.url, headers: other.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: file.url })).statusCode).toBe(200);
    // The text that shows it keeps its relative address.
    const post = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: author.headers, payload: { kind: 'discussion', title: 'Plan', body: `Voici le plan.\n\n![Plan du quartier](${file.url})` } });
    expect(post.statusCode, post.body).toBe(201);
    expect(post.json().bodyHtml).toContain(`<img src="${file.url}" alt="Plan du quartier" />`);
    // It is no attachment of a post: the attachments list cannot take it (and later delete it under the text).
    const postId = await insertPost(app, community.id, author.user.id);
    expect((await app.inject({ method: 'PUT', url: `/api/posts/${postId}/attachments`, headers: author.headers, payload: { ids: [file.id] } })).statusCode).toBe(404);
    // Only images go in a text; the alternative stays required.
    const pdf = await inline(community.slug, author.headers, [{ name: 'file', file: { filename: 'b.pdf', contentType: 'application/pdf', data: minimalPdf() } }]);
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect((await inline(community.slug, author.headers, [png()])).json().code).toBe('ALT_REQUIRED');

    // Of a community being prepared: only those who see that community read it, wherever the address is pasted.
    const draft = await createCommunity(app, { status: 'draft' });
    const coordinator = await member(app, draft.id, 'coordinator');
    const { rows } = await app.pool.query<{ id: number }>(
      `INSERT INTO attachments (uploader_id, community_id, storage_key, mime, size, original_name, alt, format, sha256, inline)
       VALUES ($1, $2, 'aa/bb/absent', 'image/png', 10, 'secret.png', 'Secret', 'image', 'absent', true) RETURNING id`,
      [coordinator.user.id, draft.id],
    );
    const plain = await member(app, draft.id);
    for (const headers of [plain.headers, other.headers, {}]) {
      expect((await app.inject({ method: 'GET', url: `/api/attachments/${rows[0]!.id}/secret.png`, headers })).statusCode).toBe(404);
    }
  });

  it('lets the uploader or a moderator remove a file', async () => {
    const f = (await upload(app, community.slug, author.headers, [{ name: 'alt', value: 'À retirer' }, png()])).json();
    const postId = await insertPost(app, community.id, author.user.id);
    await app.inject({ method: 'PUT', url: `/api/posts/${postId}/attachments`, headers: author.headers, payload: { ids: [f.id] } });
    const other = await member(app, community.id);
    expect((await app.inject({ method: 'DELETE', url: `/api/attachments/${f.id}`, headers: other.headers })).statusCode).toBe(403);
    const animator = await member(app, community.id, 'animator');
    expect((await app.inject({ method: 'DELETE', url: `/api/attachments/${f.id}`, headers: animator.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/attachments/${f.id}` })).statusCode).toBe(404);
  });

  it('stops serving the files of a deleted post', async () => {
    const f = (await upload(app, community.slug, author.headers, [{ name: 'alt', value: 'Retirée' }, png()])).json();
    const postId = await insertPost(app, community.id, author.user.id);
    await app.inject({ method: 'PUT', url: `/api/posts/${postId}/attachments`, headers: author.headers, payload: { ids: [f.id] } });
    expect((await app.inject({ method: 'GET', url: f.url })).statusCode).toBe(200);
    await app.inject({ method: 'DELETE', url: `/api/posts/${postId}`, headers: author.headers });
    expect((await app.inject({ method: 'GET', url: f.url })).statusCode).toBe(404);
  });

  it('takes one file per upload and answers 400 to a second one', async () => {
    const res = await upload(app, community.slug, author.headers, [{ name: 'alt', value: 'x' }, png('a.png'), png('b.png')]);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('rate limits uploads', async () => {
    const { app: strict, close } = await makeTestApp({ dataDir, rateLimitFactor: 1 });
    try {
      const c = await createCommunity(strict);
      const m = await member(strict, c.id);
      // The window already holds the hour's 60 uploads.
      await strict.pool.query(`INSERT INTO rate_limits (key, count, reset_at) VALUES ($1, 60, now() + interval '1 hour')`, [`upload:u${m.user.id}`]);
      const res = await upload(strict, c.slug, m.headers, [{ name: 'alt', value: 'x' }, png()]);
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('RATE_LIMITED');
    } finally {
      await close();
    }
  });
});
