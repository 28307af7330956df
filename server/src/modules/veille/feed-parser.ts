import { parseDocument } from 'htmlparser2';

/**
 * Reads RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 with htmlparser2's forgiving XML mode: a malformed
 * feed (unclosed tags, stray entities, wrong nesting) yields what can be read instead of throwing,
 * and anything that is not a feed at all is refused with FeedParseError.
 */

export interface FeedEntry {
  /** The feed's own identifier (RSS guid, Atom id, RDF about), else the link. */
  guid: string;
  link: string;
  title: string;
  summary: string;
  publishedAt: Date | null;
}

export interface ParsedFeed {
  title: string;
  entries: FeedEntry[];
}

export class FeedParseError extends Error {}

/** Entries kept from one answer: feeds list their newest first, and an inbox has no use for archives. */
export const MAX_ENTRIES = 100;
const MAX_TITLE = 300;
const MAX_SUMMARY = 1000;

interface XNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: XNode[];
  data?: string;
}

const localName = (n: XNode) => (n.name ?? '').toLowerCase().replace(/^.*:/, '');
const elements = (n: XNode | undefined) => (n?.children ?? []).filter((c) => c.type === 'tag');
const child = (n: XNode | undefined, name: string) => elements(n).find((c) => localName(c) === name);
const childrenNamed = (n: XNode | undefined, name: string) => elements(n).filter((c) => localName(c) === name);

/** Text content, CDATA included. */
function text(n: XNode | undefined): string {
  if (!n) return '';
  if (n.type === 'text') return n.data ?? '';
  return (n.children ?? []).map(text).join('');
}

/** Own text only: an unclosed <title> in a broken feed would otherwise swallow the items after it. */
function ownText(n: XNode | undefined): string {
  return (n?.children ?? []).filter((c) => c.type !== 'tag').map(text).join('');
}

/** Items or entries at any depth (not inside one another): in a broken feed they may sit inside an unclosed element. */
function descendants(n: XNode | undefined, name: string, out: XNode[] = []): XNode[] {
  for (const c of elements(n)) {
    if (out.length >= MAX_ENTRIES) break;
    if (localName(c) === name) out.push(c);
    else descendants(c, name, out);
  }
  return out;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function cut(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** Feed descriptions carry HTML (escaped or in CDATA): the inbox shows its text only. */
export function htmlToText(html: string): string {
  const doc = parseDocument(html) as unknown as XNode;
  const out: string[] = [];
  const walk = (n: XNode) => {
    if (n.type === 'text') out.push(n.data ?? '');
    else if (n.type !== 'script' && n.type !== 'style' && n.type !== 'comment') {
      for (const c of n.children ?? []) walk(c);
      if (n.type === 'tag' && /^(p|br|div|li|h\d)$/i.test(n.name ?? '')) out.push(' ');
    }
  };
  walk(doc);
  return squash(out.join(''));
}

function date(value: string): Date | null {
  const v = value.trim();
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An absolute http(s) link (relative ones resolved against the feed), fragment dropped; null otherwise. */
function absolute(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

function entry(guid: string, link: string | null, title: string, summaryHtml: string, published: string): FeedEntry | null {
  if (!link) return null;
  const t = squash(htmlToText(title));
  return {
    guid: cut(squash(guid) || link, 1000),
    link,
    title: cut(t || link, MAX_TITLE),
    summary: cut(htmlToText(summaryHtml), MAX_SUMMARY),
    publishedAt: date(published),
  };
}

function rssItem(item: XNode, base: string): FeedEntry | null {
  const guid = text(child(item, 'guid'));
  const linkText = text(child(item, 'link'));
  // A permalink guid stands in for a missing <link>.
  const isPermalink = child(item, 'guid')?.attribs?.isPermaLink !== 'false';
  const link = absolute(linkText, base) ?? (isPermalink && guid ? absolute(guid, base) : null);
  const body = text(child(item, 'description')) || text(child(item, 'encoded'));
  const published = text(child(item, 'pubdate')) || text(child(item, 'date'));
  return entry(guid || item.attribs?.['rdf:about'] || '', link, ownText(child(item, 'title')), body, published);
}

function atomEntry(e: XNode, base: string): FeedEntry | null {
  const links = childrenNamed(e, 'link');
  const alternate = links.find((l) => (l.attribs?.rel ?? 'alternate') === 'alternate') ?? links[0];
  const link = alternate?.attribs?.href ? absolute(alternate.attribs.href, base) : null;
  const body = text(child(e, 'summary')) || text(child(e, 'content'));
  const published = text(child(e, 'published')) || text(child(e, 'updated'));
  return entry(text(child(e, 'id')), link, ownText(child(e, 'title')), body, published);
}

/** Decodes the bytes with the encoding the XML declaration or the HTTP header names (UTF-8 by default). */
export function decodeFeed(body: Buffer, contentType: string): string {
  const head = body.subarray(0, 200).toString('latin1');
  const declared = /encoding=["']([\w.:-]+)["']/i.exec(head)?.[1] ?? /charset=([\w.:-]+)/i.exec(contentType)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(declared).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

export function parseFeed(xml: string, baseUrl: string): ParsedFeed {
  const doc = parseDocument(xml, { xmlMode: true }) as unknown as XNode;
  const root = elements(doc)[0];
  const kind = root ? localName(root) : '';
  let title: string;
  let raw: (FeedEntry | null)[];
  if (kind === 'rss') {
    const channel = child(root, 'channel');
    title = ownText(child(channel, 'title'));
    raw = descendants(channel, 'item').map((i) => rssItem(i, baseUrl));
  } else if (kind === 'rdf') {
    title = ownText(child(child(root, 'channel'), 'title'));
    raw = descendants(root, 'item').map((i) => rssItem(i, baseUrl));
  } else if (kind === 'feed') {
    title = ownText(child(root, 'title'));
    raw = descendants(root, 'entry').map((e) => atomEntry(e, baseUrl));
  } else {
    throw new FeedParseError(root ? `document <${root.name}> : ce n’est pas un flux RSS ou Atom` : 'document vide ou illisible');
  }
  return { title: cut(squash(htmlToText(title)), MAX_TITLE), entries: raw.filter((e): e is FeedEntry => e !== null) };
}
