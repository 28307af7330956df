import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../common/limits.js';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import { signedInUser } from '../../../test/factories.js';
import { useTestApp } from '../../../test/helpers.js';
import type { App } from '../../types.js';

async function member(app: App, communityId: number) {
  const signed = await signedInUser(app);
  await addMember(app, communityId, signed.user.id);
  return { user: signed.user, headers: { ...signed.headers } as Record<string, string> };
}

describe('PUT /api/posts/:id/embeds', async () => {
  const { app } = await useTestApp();
  const community = await createCommunity(app);
  const author = await member(app, community.id);
  const { rows } = await app.pool.query<{ id: number }>(
    `INSERT INTO posts (community_id, author_id, title, body_md, body_html) VALUES ($1, $2, 'Webinaire', 'Texte', '<p>Texte</p>') RETURNING id`,
    [community.id, author.user.id],
  );
  const postId = rows[0]!.id;
  const put = (items: unknown, headers = author.headers) =>
    app.inject({ method: 'PUT', url: `/api/posts/${postId}/embeds`, headers, payload: { items } });

  it('stores parsed embeds in order and serves them with the post media', async () => {
    const res = await put([
      { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', title: 'Webinaire de lancement' },
      { url: 'https://umap.openstreetmap.fr/fr/map/quartiers_123456' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json().embeds).toEqual([
      { position: 0, provider: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', embedUrl: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', title: 'Webinaire de lancement' },
      expect.objectContaining({ position: 1, provider: 'umap', title: 'Carte uMap' }),
    ]);
    const media = await app.inject({ method: 'GET', url: `/api/posts/${postId}/media` });
    expect(media.json().embeds).toHaveLength(2);
    expect((await put([])).json().embeds).toEqual([]);
  });

  it('refuses an unknown address, naming the item, and writes nothing', async () => {
    await put([{ url: 'https://vimeo.com/76979871' }]);
    const res = await put([{ url: 'https://vimeo.com/76979871' }, { url: 'https://example.org/page' }]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'EMBED_URL_UNSUPPORTED', fields: { 'items.1.url': expect.any(String) } });
    const media = await app.inject({ method: 'GET', url: `/api/posts/${postId}/media` });
    expect(media.json().embeds.map((e: { provider: string }) => e.provider)).toEqual(['vimeo']);
  });

  it('accepts PeerTube and uMap only from the listed instances, which the pages may frame', async () => {
    expect(app.config.embedHosts.peertube).toContain('framatube.org');
    const listed = await put([{ url: 'https://framatube.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d' }]);
    expect(listed.statusCode).toBe(200);
    const res = await put([{ url: 'https://vimeo.com/76979871' }, { url: 'https://peertube.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d' }]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'EMBED_HOST_NOT_ALLOWED', message: expect.stringContaining('framatube.org'), fields: { 'items.1.url': expect.any(String) } });
    expect((await put([{ url: 'https://umap.example.org/fr/map/quartiers_123456' }])).json().code).toBe('EMBED_HOST_NOT_ALLOWED');
    const page = await app.inject({ method: 'GET', url: '/api/health' });
    expect(page.headers['content-security-policy']).toContain('frame-src https://www.youtube-nocookie.com https://player.vimeo.com https://www.dailymotion.com https://www.openstreetmap.org https://framatube.org https://umap.openstreetmap.fr');
    expect(page.headers['content-security-policy']).not.toContain('peertube.example.org');
  });

  it('validates the body and who may change it', async () => {
    expect((await put([{ url: '' }])).statusCode).toBe(400);
    expect((await put(Array.from({ length: LIMITS.embedsPerPost + 1 }, () => ({ url: 'https://vimeo.com/1' })))).statusCode).toBe(400);
    expect((await put([{ url: 'https://vimeo.com/1', extra: true }])).statusCode).toBe(400);
    const other = await member(app, community.id);
    expect((await put([], other.headers)).statusCode).toBe(403);
    expect((await put([], {})).statusCode).toBe(401);
    const missing = await app.inject({ method: 'PUT', url: '/api/posts/999999999/embeds', headers: author.headers, payload: { items: [] } });
    expect(missing.statusCode).toBe(404);
  });
});
