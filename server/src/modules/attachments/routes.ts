import { unlink } from 'node:fs/promises';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ERRORS } from '../../../../common/errors.js';
import { authorize } from '../../lib/authorize.js';
import { AppError } from '../../lib/errors.js';
import { ErrorBody, errorResponses, IdParam, Ok } from '../../lib/schemas.js';
import { createStorage, uploadTmpDir } from '../../lib/storage/index.js';
import { requireUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { loadVisiblePost } from '../posts/context.js';
import { assertCanContribute, postAbilities } from '../posts/policy.js';
import { embedHostAllowed, parseEmbedUrl } from './embeds.js';
import { attachmentAbilities, canReadAttachment } from './policy.js';
import { presentAttachment, presentEmbed } from './presenters.js';
import { findAttachment, listPostAttachments, listPostEmbeds, type AttachmentContextRow } from './queries.js';
import { MULTIPART_LIMITS, receiveUpload } from './receive.js';
import { Attachment, AttachmentIdsBody, EmbedsBody, FileParams, PostMedia, SlugParam } from '../../../../common/api/attachments.js';
import { createAttachment, deleteAttachment, setPostAttachments, setPostEmbeds } from './service.js';
import { checkDescription, checkType, safeFilename } from './sniff.js';
import { stripImageMetadata } from './strip-metadata.js';
import { sendAttachment } from './download.js';
import { assertMayUpload } from '../trust/service.js';

const tags = ['fichiers et intégrations'];
const errors = { ...errorResponses, 415: ErrorBody };

function accessOf(row: AttachmentContextRow) {
  return { uploaderId: row.uploader_id, postId: row.post_id, inline: row.inline, postDeleted: row.post_deleted, postHidden: row.post_hidden, postAuthorId: row.post_author_id, communityStatus: row.community_status, myRole: row.my_role };
}

export default async function attachmentsRoutes(app: App) {
  const storage = createStorage(app.config);
  const tmpDir = uploadTmpDir(app.config);
  // Scoped to this plugin: only these routes accept multipart bodies.
  await app.register(multipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: false });

  app.post('/communities/:slug/attachments', {
    config: { auth: 'verified', rateLimit: 'upload' },
    schema: {
      tags, summary: 'Déposer un fichier (multipart : file, alt, longDesc, format, inline), à joindre ensuite à une publication ou, avec inline=1, image à placer dans un texte',
      consumes: ['multipart/form-data'], params: SlugParam, response: { 201: Attachment, ...errors },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    assertCanContribute(user, { status: ctx.community.status, role: ctx.role });
    await assertMayUpload(app.db, user.id);
    const { file, fields } = await receiveUpload(request, tmpDir);
    if (!file || file.size === 0) throw new AppError('FILE_REQUIRED', undefined, { file: 'Choisissez un fichier.' });
    let id: number;
    try {
      const type = await checkType(file);
      const described = checkDescription(type, fields);
      const inline = fields.inline === '1';
      if (inline && type.family !== 'image') throw new AppError('FILE_TYPE_NOT_ALLOWED', 'Seule une image se place dans le texte : joignez ce document à la publication.');
      // GPS position, device and the like never reach the storage.
      await stripImageMetadata(file, type.mime);
      id = await createAttachment(app.db, storage, {
        file, mime: type.mime, name: safeFilename(file.filename, type), described, inline, communityId: ctx.community.id, uploaderId: user.id,
      });
    } finally {
      // Moved into the storage on success; removed here on any refusal.
      await unlink(file.tmpPath).catch(() => undefined);
    }
    const row = (await findAttachment(app.db, id, user))!;
    return reply.status(201).send(presentAttachment(row, user, { communityStatus: row.community_status, myRole: row.my_role }));
  });

  const download = {
    schema: {
      tags, summary: 'Télécharger un fichier (type détecté à l’envoi, affichage isolé)',
      response: { 200: Type.String({ format: 'binary' }), 304: Type.Null(), ...errors },
    },
  };
  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const { id } = request.params as { id: number };
    const row = await findAttachment(app.db, id, request.user);
    if (!row || !canReadAttachment(request.user, accessOf(row))) throw new AppError('ATTACHMENT_NOT_FOUND');
    return sendAttachment(reply, storage, row, String(request.headers['if-none-match'] ?? ''));
  };
  app.get('/attachments/:id', { config: { securityPolicy: 'attachment' }, schema: { ...download.schema, params: IdParam } }, serve);
  app.get('/attachments/:id/:filename', { config: { securityPolicy: 'attachment' }, schema: { ...download.schema, params: FileParams } }, serve);

  app.delete('/attachments/:id', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Retirer un fichier', params: IdParam, response: { 200: Ok, ...errors } },
  }, async (request) => {
    const user = requireUser(request);
    const row = await findAttachment(app.db, request.params.id, user);
    const can = row ? attachmentAbilities(user, accessOf(row)) : null;
    if (!row || !can?.read) throw new AppError('ATTACHMENT_NOT_FOUND');
    authorize(can, 'delete');
    await deleteAttachment(app.db, row.id);
    return { ok: true as const };
  });

  app.get('/posts/:id/media', {
    schema: { tags, summary: 'Fichiers joints et intégrations d’une publication', params: IdParam, response: { 200: PostMedia, ...errors } },
  }, async (request) => {
    const post = await loadVisiblePost(app.db, request.params.id, request.user);
    return presentMedia(post, request.user);
  });

  app.put('/posts/:id/attachments', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: {
      tags, summary: 'Fixer les fichiers joints d’une publication (liste ordonnée d’identifiants de fichiers déposés)',
      params: IdParam, body: AttachmentIdsBody, response: { 200: PostMedia, ...errors },
    },
  }, async (request) => {
    const user = requireUser(request);
    const post = await loadVisiblePost(app.db, request.params.id, user);
    authorize(postAbilities(user, { authorId: post.author_id }, { status: post.community_status, role: post.my_role }), 'edit');
    await setPostAttachments(app.db, { id: post.id, communityId: post.community_id }, user.id, request.body.ids);
    return presentMedia(post, user);
  });

  app.put('/posts/:id/embeds', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: {
      tags, summary: 'Fixer les vidéos et cartes intégrées d’une publication (PeerTube, YouTube, Dailymotion, Vimeo, uMap, OpenStreetMap)',
      params: IdParam, body: EmbedsBody, response: { 200: PostMedia, ...errors },
    },
  }, async (request) => {
    const user = requireUser(request);
    const post = await loadVisiblePost(app.db, request.params.id, user);
    authorize(postAbilities(user, { authorId: post.author_id }, { status: post.community_status, role: post.my_role }), 'edit');
    const parsed = request.body.items.map((item) => parseEmbedUrl(item.url, item.title));
    const bad = parsed.findIndex((p) => p === null);
    if (bad >= 0) throw new AppError('EMBED_URL_UNSUPPORTED', undefined, { [`items.${bad}.url`]: 'Adresse de vidéo ou de carte non reconnue.' });
    const hosts = app.config.embedHosts;
    const unlisted = parsed.findIndex((p) => !embedHostAllowed(p!, hosts));
    if (unlisted >= 0) {
      const allowed = [...hosts.peertube, ...hosts.umap].join(', ') || 'aucune';
      throw new AppError('EMBED_HOST_NOT_ALLOWED', `${ERRORS.EMBED_HOST_NOT_ALLOWED.message} Instances autorisées : ${allowed}.`, { [`items.${unlisted}.url`]: 'Instance PeerTube ou uMap non autorisée.' });
    }
    await setPostEmbeds(app.db, post.id, parsed as NonNullable<(typeof parsed)[number]>[]);
    return presentMedia(post, user);
  });

  async function presentMedia(post: Awaited<ReturnType<typeof loadVisiblePost>>, user: CurrentUser | null) {
    const [files, embeds] = await Promise.all([listPostAttachments(app.db, post.id), listPostEmbeds(app.db, post.id)]);
    const access = { communityStatus: post.community_status, myRole: post.my_role };
    return {
      attachments: files.map((f) => presentAttachment(f, user, access)),
      embeds: embeds.map(presentEmbed),
      can: { manage: postAbilities(user, { authorId: post.author_id }, { status: post.community_status, role: post.my_role }).edit },
    };
  }
}
