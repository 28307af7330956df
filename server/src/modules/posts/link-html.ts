import { LIMITS } from '../../../../common/limits.js';

/** Title, description and site name read from the head of an HTML page. */
export interface Preview {
  title: string;
  description: string;
  siteName: string;
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'', nbsp: ' ', eacute: 'é', egrave: 'è', ecirc: 'ê', agrave: 'à',
  acirc: 'â', ccedil: 'ç', ocirc: 'ô', ucirc: 'û', ugrave: 'ù', icirc: 'î', iuml: 'ï', euml: 'ë', rsquo: '’', lsquo: '‘',
  laquo: '«', raquo: '»', hellip: '…', ndash: '–', mdash: '—', Eacute: 'É', oelig: 'œ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

function clean(text: string | undefined, max: number): string {
  if (!text) return '';
  const flat = decodeEntities(text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return [...flat].slice(0, max).join('');
}

function charsetOf(contentType: string, head: string): string {
  const fromHeader = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  const fromMeta = /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1];
  return (fromHeader ?? fromMeta ?? 'utf-8').toLowerCase();
}

/** The content of <meta property|name=KEY content=...>, attributes in either order. */
function meta(html: string, key: string): string | undefined {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    const name = /\b(?:property|name)\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (name?.toLowerCase() !== key) continue;
    return /\bcontent\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? /\bcontent\s*=\s*'([^']*)'/i.exec(tag)?.[1];
  }
  return undefined;
}

export function readPreview(body: Buffer, contentType: string): Preview {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  // A PDF or an image has no title to read here: the animator types it.
  if (type && type !== 'text/html' && type !== 'application/xhtml+xml') return { title: '', description: '', siteName: '' };
  const ascii = body.toString('latin1');
  let html: string;
  try {
    html = new TextDecoder(charsetOf(contentType, ascii.slice(0, 2048))).decode(body);
  } catch {
    html = body.toString('utf8');
  }
  const title = meta(html, 'og:title') ?? /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const description = meta(html, 'og:description') ?? meta(html, 'description');
  return {
    title: clean(title, LIMITS.linkTitle),
    description: clean(description, LIMITS.linkDescription),
    siteName: clean(meta(html, 'og:site_name'), LIMITS.linkSource),
  };
}
