/**
 * HTML pasted from a word processor or a web page, before ProseMirror reads it: scripts, styles, comments (Word's
 * conditional ones included), Office namespaces and images are dropped, and every attribute but a link's address and
 * a table cell's spans with them. ProseMirror then keeps only what the editor knows (headings, lists, links…),
 * and what the editor produces is Markdown that the server sanitises again (server/src/lib/markdown.ts).
 * Images are dropped whatever their origin: a pasted one points to another site (tracking) or to the writer's own
 * disk; one is added with the « Image » button and its alternative text.
 */
const DROPPED = 'script, style, link, meta, title, head, iframe, object, embed, svg, img, picture, video, audio, form, input, button, textarea, select, xml';
const KEPT_ATTRIBUTES: Record<string, string[]> = { A: ['href'], TD: ['colspan', 'rowspan'], TH: ['colspan', 'rowspan'] };

/**
 * Removed from the text before it is parsed at all: even in an inert document, the browser checks inline styles and
 * handlers against the page's Content-Security-Policy (and reports each one it refuses).
 */
function stripInline(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|xml|title|head|template)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/\s(?:style|on[a-z]+)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, '');
}

export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(stripInline(html), 'text/html');
  doc.querySelectorAll(DROPPED).forEach((el) => el.remove());
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.parentNode?.removeChild(c));
  doc.body.querySelectorAll('*').forEach((el) => {
    // Office tags (<o:p>, <w:sdt>…) carry nothing a reader sees: their text stays, the tag goes.
    if (el.tagName.includes(':')) {
      el.replaceWith(...Array.from(el.childNodes));
      return;
    }
    const kept = KEPT_ATTRIBUTES[el.tagName] ?? [];
    for (const attr of Array.from(el.attributes)) if (!kept.includes(attr.name)) el.removeAttribute(attr.name);
    if (el.tagName === 'A' && !/^(https?:|mailto:)/i.test(el.getAttribute('href') ?? '')) el.removeAttribute('href');
  });
  return doc.body.innerHTML;
}
