import { Type } from 'typebox';
import type { App } from '../../types.js';
import { AppError } from '../../lib/errors.js';
import { errorResponses, IdParam } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import { absoluteUrls } from '../../lib/markdown.js';
import { FeedTokenState, NewFeedToken } from '../../../../common/api/feeds.js';
import { renderAtom, type AtomEntry } from './atom.js';
import { communityEntries, dossierEntries, feedCommunity, feedDossier, memberEntries, type EntryRow } from './queries.js';
import { FeedTokenParam, feedOwner, feedTokenCreatedAt, feedUrls, renewFeedToken, revokeFeedToken } from './token.js';

function entries(app: App, rows: EntryRow[]): AtomEntry[] {
  const base = app.config.publicUrl;
  return rows.map((r) => ({
    id: `${base}/publications/${r.id}`,
    title: r.title,
    url: `${base}/publications/${r.id}`,
    authorName: `${r.first_name} ${r.last_name}`,
    summary: r.excerpt,
    // Read by a feed reader on another site: the text's own images and links need the site's address.
    html: absoluteUrls(r.body_html, base),
    published: new Date(r.created_at),
    updated: new Date(r.edited_at ?? r.created_at),
  }));
}

function newest(list: AtomEntry[], fallback: Date): Date {
  return list.reduce((d, x) => (x.updated > d ? x.updated : d), fallback);
}

export default async function feedsRoutes(app: App) {
  // Anonymous, cacheable: only content of open or archived communities, never a draft community.
  app.get('/communities/:slug/feed.atom', {
    config: { readReplica: true },
    schema: { tags: ['flux'], summary: 'Flux Atom public des publications d’une e-communauté', params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 100 }) }), response: { 200: Type.String(), ...errorResponses } },
  }, async (request, reply) => {
    const c = await feedCommunity(request.readDb, request.params.slug);
    if (!c) throw new AppError('COMMUNITY_NOT_FOUND');
    const list = entries(app, await communityEntries(request.readDb, c.id));
    const base = app.config.publicUrl;
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(renderAtom({
      id: `${base}/communautes/${c.slug}`,
      title: `${c.name} — e-communautés`,
      subtitle: c.description,
      selfUrl: `${base}/api/communities/${encodeURIComponent(c.slug)}/feed.atom`,
      siteUrl: `${base}/communautes/${c.slug}`,
      updated: newest(list, new Date(c.created_at)),
      entries: list,
    }));
  });

  app.get('/dossiers/:id/feed.atom', {
    config: { readReplica: true },
    schema: { tags: ['flux'], summary: 'Flux Atom d’un dossier', params: IdParam, response: { 200: Type.String(), ...errorResponses } },
  }, async (request, reply) => {
    const d = await feedDossier(request.readDb, request.params.id);
    if (!d) throw new AppError('NOT_FOUND');
    const list = entries(app, await dossierEntries(request.readDb, d.id));
    const base = app.config.publicUrl;
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(renderAtom({
      id: `${base}/communautes/${d.slug}/dossiers/${d.id}`,
      title: `${d.title} — dossier de ${d.name}`,
      subtitle: d.intro_md.slice(0, 300),
      selfUrl: `${base}/api/dossiers/${d.id}/feed.atom`,
      siteUrl: `${base}/communautes/${d.slug}/dossiers/${d.id}`,
      updated: newest(list, new Date(d.updated_at)),
      entries: list,
    }));
  });

  // The member's newest posts across their communities (queries.ts's memberEntries).
  app.get('/feeds/:token/feed.atom', {
    config: { readReplica: true },
    schema: { tags: ['flux'], summary: 'Flux Atom privé : les dernières publications de mes e-communautés', params: FeedTokenParam, response: { 200: Type.String(), ...errorResponses } },
  }, async (request, reply) => {
    const userId = await feedOwner(request.readDb, request.params.token);
    const list = entries(app, await memberEntries(request.readDb, userId));
    const base = app.config.publicUrl;
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'private, max-age=300').header('referrer-policy', 'no-referrer').send(renderAtom({
      // The feed's identity must not carry the secret: it stays the same when the address is regenerated.
      id: `${base}/flux/membre/${userId}`,
      title: 'Mon fil — e-communautés',
      subtitle: 'Les dernières publications de mes e-communautés',
      selfUrl: `${base}/api/feeds/${request.params.token}/feed.atom`,
      siteUrl: `${base}/`,
      updated: newest(list, new Date(0)),
      entries: list,
    }));
  });

  app.get('/me/feed-token', {
    config: { auth: 'user' },
    schema: { tags: ['flux'], summary: 'Mes adresses d’abonnement privées : existent-elles, depuis quand (le secret n’est montré qu’à sa création)', response: { 200: FeedTokenState, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const createdAt = await feedTokenCreatedAt(app.db, user.id);
    return { createdAt: createdAt ? createdAt.toISOString() : null };
  });

  app.post('/me/feed-token', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags: ['flux'], summary: 'Créer ou régénérer mes adresses d’abonnement privées (les anciennes cessent de fonctionner)', response: { 200: NewFeedToken, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const { token, createdAt } = await renewFeedToken(app.db, user.id);
    return { createdAt: createdAt.toISOString(), ...feedUrls(app.config.publicUrl, token) };
  });

  app.delete('/me/feed-token', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: { tags: ['flux'], summary: 'Révoquer mes adresses d’abonnement privées', response: { 200: FeedTokenState, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    await revokeFeedToken(app.db, user.id);
    return { createdAt: null };
  });
}
