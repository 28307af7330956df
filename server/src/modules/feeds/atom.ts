/** Atom 1.0 (RFC 4287) writer: every text escaped, every link absolute. */

export interface AtomEntry {
  id: string;
  title: string;
  url: string;
  authorName: string;
  summary: string;
  /** Full content as sanitized HTML (escaped into a type="html" element). */
  html: string;
  published: Date;
  updated: Date;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle: string;
  selfUrl: string;
  siteUrl: string;
  updated: Date;
  entries: AtomEntry[];
}

/** XML 1.0 forbids most control characters even escaped; they are dropped. */
export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function renderAtom(feed: AtomFeed): string {
  const e = xmlEscape;
  const entries = feed.entries.map((x) => `  <entry>
    <id>${e(x.id)}</id>
    <title type="text">${e(x.title)}</title>
    <link rel="alternate" type="text/html" href="${e(x.url)}"/>
    <author><name>${e(x.authorName)}</name></author>
    <published>${x.published.toISOString()}</published>
    <updated>${x.updated.toISOString()}</updated>
    <summary type="text">${e(x.summary)}</summary>
    <content type="html">${e(x.html)}</content>
  </entry>`).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <id>${e(feed.id)}</id>
  <title type="text">${e(feed.title)}</title>
  <subtitle type="text">${e(feed.subtitle)}</subtitle>
  <link rel="self" type="application/atom+xml" href="${e(feed.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${e(feed.siteUrl)}"/>
  <updated>${feed.updated.toISOString()}</updated>
  <generator>e-communautés</generator>
${entries}
</feed>
`;
}
