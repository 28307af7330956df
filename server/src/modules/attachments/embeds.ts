import { isIP } from 'node:net';
import { EMBED_PROVIDERS, type EmbedProvider } from '../../../../common/attachments.js';
import type { EmbedHosts } from '../../config.js';

export interface ParsedEmbed {
  provider: EmbedProvider;
  /** The address as given, normalised (https). */
  url: string;
  /** What the iframe loads once the reader asks: privacy-enhanced where the provider offers it. */
  embedUrl: string;
  title: string;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const PEERTUBE_ID = /^[A-Za-z0-9-]{8,64}$/;

function hostIs(host: string, ...domains: string[]): boolean {
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

/** "1h2m3s", "90s" or "90" → seconds. */
function seconds(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (!m || !m[0]) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/**
 * A third-party host the reader's browser will load: a public DNS name only, never an IP address
 * or a local name, so an embed cannot point readers at their own network.
 */
function publicHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return false;
  return host.includes('.') && !/(^|\.)(localhost|local|internal|lan|home|intranet)$/.test(host);
}

function youtube(u: URL): string | undefined {
  const host = u.hostname;
  let id: string | undefined;
  if (host === 'youtu.be') id = u.pathname.split('/')[1];
  else if (hostIs(host, 'youtube.com', 'youtube-nocookie.com')) {
    const parts = u.pathname.split('/').filter(Boolean);
    if (parts[0] === 'watch') id = u.searchParams.get('v') ?? undefined;
    else if (['embed', 'shorts', 'live', 'v'].includes(parts[0] ?? '')) id = parts[1];
  } else return undefined;
  if (!id || !YOUTUBE_ID.test(id)) return undefined;
  const start = seconds(u.searchParams.get('t') ?? u.searchParams.get('start'));
  return `https://www.youtube-nocookie.com/embed/${id}${start ? `?start=${start}` : ''}`;
}

function vimeo(u: URL): string | undefined {
  if (!hostIs(u.hostname, 'vimeo.com')) return undefined;
  const parts = u.pathname.split('/').filter(Boolean);
  const id = u.hostname === 'player.vimeo.com' && parts[0] === 'video' ? parts[1] : parts.find((p) => /^\d+$/.test(p));
  if (!id || !/^\d{1,12}$/.test(id)) return undefined;
  // dnt=1: Vimeo's "do not track" mode, no cookies nor session data.
  return `https://player.vimeo.com/video/${id}?dnt=1`;
}

function dailymotion(u: URL): string | undefined {
  let id: string | undefined;
  if (u.hostname === 'dai.ly') id = u.pathname.split('/')[1];
  else if (hostIs(u.hostname, 'dailymotion.com')) {
    const parts = u.pathname.split('/').filter(Boolean);
    const at = parts.indexOf('video');
    id = at >= 0 ? parts[at + 1] : undefined;
  } else return undefined;
  id = id?.split('_')[0];
  if (!id || !/^[a-zA-Z0-9]{5,12}$/.test(id)) return undefined;
  return `https://www.dailymotion.com/embed/video/${id}`;
}

/** Any PeerTube instance: /videos/watch/<uuid>, /videos/embed/<uuid> or the short /w/<id>. */
function peertube(u: URL): string | undefined {
  const m = /^\/(?:videos\/(?:watch|embed)|w)\/([^/]+)\/?$/.exec(u.pathname);
  if (!m || !PEERTUBE_ID.test(m[1]!)) return undefined;
  // p2p=0: no peer-to-peer, so readers' addresses are not shared with other viewers.
  return `https://${u.host}/videos/embed/${m[1]}?p2p=0`;
}

/** uMap on umap.openstreetmap.fr or any other instance: /[lang/]map/<slug>_<id>. */
function umap(u: URL): string | undefined {
  const m = /^\/(?:[a-z]{2}(?:-[a-z]{2,4})?\/)?map\/([A-Za-z0-9-]*_\d+)\/?$/.exec(u.pathname);
  if (!m) return undefined;
  const params = 'scaleControl=false&miniMap=false&scrollWheelZoom=false&zoomControl=true&editMode=disabled&captionBar=false';
  return `https://${u.host}${u.pathname.replace(/\/$/, '')}?${params}`;
}

/** openstreetmap.org with #map=zoom/lat/lon (and an optional marker) → its own embeddable view. */
function openstreetmap(u: URL): string | undefined {
  if (!hostIs(u.hostname, 'openstreetmap.org')) return undefined;
  const m = /map=(\d{1,2})\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)/.exec(u.hash);
  if (!m) return undefined;
  const zoom = Math.min(19, Math.max(1, Number(m[1])));
  const lat = Number(m[2]);
  const lon = Number(m[3]);
  if (Math.abs(lat) > 85 || Math.abs(lon) > 180) return undefined;
  // A view about 800 × 500 px around the centre.
  const halfLon = (360 / 2 ** zoom) * (800 / 256) / 2;
  const halfLat = halfLon * Math.cos((lat * Math.PI) / 180) * (500 / 800);
  const r = (n: number) => n.toFixed(5);
  const bbox = [lon - halfLon, lat - halfLat, lon + halfLon, lat + halfLat].map(r).join(',');
  const mlat = Number(u.searchParams.get('mlat'));
  const mlon = Number(u.searchParams.get('mlon'));
  const marker = u.searchParams.has('mlat') && Number.isFinite(mlat) && Number.isFinite(mlon) ? `&marker=${r(mlat)},${r(mlon)}` : '';
  return `https://www.openstreetmap.org/export/embed.html?bbox=${bbox}&layer=mapnik${marker}`;
}

const PARSERS: [EmbedProvider, (u: URL) => string | undefined][] = [
  ['youtube', youtube],
  ['vimeo', vimeo],
  ['dailymotion', dailymotion],
  ['openstreetmap', openstreetmap],
  ['umap', umap],
  ['peertube', peertube],
];

/** Recognises a video or map address, or returns null. `title` falls back to a French default. */
export function parseEmbedUrl(raw: string, title?: string): ParsedEmbed | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (u.username || u.password || !publicHost(u.hostname) || (u.port && u.port !== '443' && u.port !== '80')) return null;
  u.protocol = 'https:';
  u.port = '';
  for (const [provider, parse] of PARSERS) {
    const embedUrl = parse(u);
    if (embedUrl) {
      const { label, media } = EMBED_PROVIDERS[provider];
      const fallback = media === 'video' ? `Vidéo ${label}` : `Carte ${label}`;
      return { provider, url: u.toString(), embedUrl, title: title?.trim() || fallback };
    }
  }
  return null;
}

/** The single host each centralised provider's player is served from (what the parsers above produce). */
const FIXED_FRAME_ORIGINS = ['https://www.youtube-nocookie.com', 'https://player.vimeo.com', 'https://www.dailymotion.com', 'https://www.openstreetmap.org'];

/** PeerTube and uMap are federated: only the instances the operator listed may be embedded. */
export function embedHostAllowed(embed: ParsedEmbed, hosts: EmbedHosts): boolean {
  if (embed.provider !== 'peertube' && embed.provider !== 'umap') return true;
  return hosts[embed.provider].includes(new URL(embed.embedUrl).hostname);
}

/** Every origin an embed's iframe may load: the Content-Security-Policy `frame-src` of the pages. */
export function embedFrameSources(hosts: EmbedHosts): string[] {
  const instances = [...hosts.peertube, ...hosts.umap].map((host) => `https://${host}`);
  return [...new Set([...FIXED_FRAME_ORIGINS, ...instances])];
}
