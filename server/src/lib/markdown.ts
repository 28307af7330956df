import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });

const ALIGN_CLASSES = ['md-align-left', 'md-align-center', 'md-align-right'];

/**
 * Table column alignment as a class rather than markdown-it's `style="text-align:…"`: the pages' Content-Security-
 * Policy refuses inline style attributes in inserted HTML (plugins/security-headers.ts).
 */
function alignAsClass(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const align = /text-align:\s*(left|right|center)/.exec(attribs.style ?? '')?.[1];
  return { tagName, attribs: align ? { class: `md-align-${align}` } : {} };
}

/**
 * The one relative image address a text may show: a file uploaded to the platform (attachments/presenters.ts).
 * Any other relative path would make readers' browsers call the API with their session (`/api/…/delete`), and
 * `//host` is another site: both are dropped with their <img>.
 */
export const ATTACHMENT_IMAGE_PATH = /^\/api\/attachments\/\d+\/[^/?#\\]+$/;

function imageSourceAllowed(src: string): boolean {
  return /^https:\/\//i.test(src) || ATTACHMENT_IMAGE_PATH.test(src);
}

/**
 * What stored HTML may contain. Markdown's own output plus nothing executable:
 * no scripts, no event handlers, no style, only http(s)/mailto links, and images in https or uploaded here.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'em', 'strong', 's', 'del',
    'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'], ol: ['start'], th: ['class'], td: ['class'] },
  allowedClasses: { th: ALIGN_CLASSES, td: ALIGN_CLASSES },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  exclusiveFilter: (frame) => frame.tag === 'img' && !imageSourceAllowed(frame.attribs.src ?? ''),
  transformTags: {
    // External links open safely and never pass on the reader's session context.
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow ugc' } }),
    th: alignAsClass,
    td: alignAsClass,
  },
};
SANITIZE.allowedAttributes = { ...SANITIZE.allowedAttributes, a: ['href', 'title', 'rel'] };

/**
 * Stored HTML for a reader outside the site (Atom feeds): its relative addresses (uploaded images, links to pages of
 * the site) made absolute on `base`. Works on renderMarkdown's output, whose attributes are always double-quoted.
 */
export function absoluteUrls(html: string, base: string): string {
  return html.replace(/(<(?:img|a)\b[^>]*?\s(?:src|href)=")\/(?!\/)/g, `$1${base.replace(/\/$/, '')}/`);
}

/** Renders Markdown to sanitized HTML, once, at write time. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source), SANITIZE);
}

type MdToken = ReturnType<typeof md.parse>[number];

/**
 * The text of each block (paragraph, heading, list item, quote) in reading order. Tables and code are left out:
 * flattened into one line they read as a run of words (« Réponse Voix Part des participant·e·s Webinaire 0 0 % … »).
 */
function textBlocks(tokens: MdToken[]): string[] {
  const blocks: string[] = [];
  let inTable = 0;
  for (const token of tokens) {
    if (token.type === 'table_open') inTable += 1;
    else if (token.type === 'table_close') inTable -= 1;
    else if (token.type === 'inline' && inTable === 0) {
      const text = (token.children ?? [])
        .map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.type.endsWith('break') ? ' ' : ''))
        .join('')
        .replace(/\s+/g, ' ')
        .trim();
      if (text) blocks.push(text);
    }
  }
  return blocks;
}

/** Cuts a text at the last word boundary that fits, ending with « … ». */
function cutAtWord(text: string, max: number): string {
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

/**
 * Plain-text excerpt of Markdown for lists, feeds and e-mails: whole blocks while they fit, so that an excerpt never
 * stops in the middle of a list or a table; only a first block longer than the excerpt is cut, at a word.
 */
export function excerpt(source: string, max = 240): string {
  let out = '';
  for (const block of textBlocks(md.parse(source, {}))) {
    const next = out ? `${out} ${block}` : block;
    if (next.length <= max) {
      out = next;
      continue;
    }
    return out ? `${out} …` : cutAtWord(block, max);
  }
  return out;
}
