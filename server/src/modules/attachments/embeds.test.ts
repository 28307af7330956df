import { describe, expect, it } from 'vitest';
import { embedFrameSources, embedHostAllowed, parseEmbedUrl } from './embeds.js';

describe('parseEmbedUrl', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'youtube', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://youtu.be/dQw4w9WgXcQ?t=1m30s', 'youtube', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90'],
    ['https://m.youtube.com/shorts/dQw4w9WgXcQ', 'youtube', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://vimeo.com/76979871', 'vimeo', 'https://player.vimeo.com/video/76979871?dnt=1'],
    ['https://player.vimeo.com/video/76979871', 'vimeo', 'https://player.vimeo.com/video/76979871?dnt=1'],
    ['https://www.dailymotion.com/video/x7tgad0', 'dailymotion', 'https://www.dailymotion.com/embed/video/x7tgad0'],
    ['https://dai.ly/x7tgad0', 'dailymotion', 'https://www.dailymotion.com/embed/video/x7tgad0'],
    ['https://tube.numerique.gouv.fr/w/kkGMgK9ZtnKfYAgnEtQxbv', 'peertube', 'https://tube.numerique.gouv.fr/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv?p2p=0'],
    ['https://peertube.example.org/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d', 'peertube', 'https://peertube.example.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d?p2p=0'],
    ['https://umap.openstreetmap.fr/fr/map/quartiers-prioritaires_123456', 'umap', 'https://umap.openstreetmap.fr/fr/map/quartiers-prioritaires_123456?scaleControl=false&miniMap=false&scrollWheelZoom=false&zoomControl=true&editMode=disabled&captionBar=false'],
  ])('%s → %s', (url, provider, embedUrl) => {
    expect(parseEmbedUrl(url)).toMatchObject({ provider, embedUrl });
    // Whatever a parser produces, the pages' frame-src lets it load once its instance is listed.
    const hosts = { peertube: ['tube.numerique.gouv.fr', 'peertube.example.org'], umap: ['umap.openstreetmap.fr'] };
    expect(embedHostAllowed(parseEmbedUrl(url)!, hosts)).toBe(true);
    expect(embedFrameSources(hosts)).toContain(new URL(embedUrl).origin);
    expect(embedHostAllowed(parseEmbedUrl(url)!, { peertube: [], umap: [] })).toBe(provider !== 'peertube' && provider !== 'umap');
  });

  it('turns an OpenStreetMap view into its embeddable export, with the marker', () => {
    const parsed = parseEmbedUrl('https://www.openstreetmap.org/?mlat=48.85660&mlon=2.35220#map=15/48.85660/2.35220');
    expect(parsed?.provider).toBe('openstreetmap');
    expect(parsed?.embedUrl).toMatch(/^https:\/\/www\.openstreetmap\.org\/export\/embed\.html\?bbox=2\.3\d+,48\.8\d+,2\.3\d+,48\.8\d+&layer=mapnik&marker=48\.85660,2\.35220$/);
    expect(parsed?.title).toBe('Carte OpenStreetMap');
  });

  it('keeps a given title and defaults to a French one', () => {
    expect(parseEmbedUrl('https://vimeo.com/76979871')?.title).toBe('Vidéo Vimeo');
    expect(parseEmbedUrl('https://vimeo.com/76979871', ' Webinaire ANCT ')?.title).toBe('Webinaire ANCT');
  });

  it.each([
    'pas une adresse',
    'javascript:alert(1)',
    'https://www.youtube.com/watch?v=court',
    'https://example.org/article',
    'https://192.168.1.10/w/kkGMgK9ZtnKfYAgnEtQxbv',
    'https://intranet.local/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d',
    'https://user:pw@vimeo.com/76979871',
    'ftp://vimeo.com/76979871',
    'https://www.openstreetmap.org/#map=15/999/2',
  ])('refuses %s', (url) => {
    expect(parseEmbedUrl(url)).toBeNull();
  });
});
