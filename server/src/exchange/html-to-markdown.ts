/**
 * HTML from the previous platform turned into Markdown, so imported content is stored like content written here
 * (Markdown source, HTML rendered by lib/markdown.ts with its allow-list). Only the structure Markdown can say is
 * kept; scripts, styles and embedded objects disappear with their content, every other tag keeps only its text.
 */
import { Parser } from 'htmlparser2';

const DROPPED = new Set(['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'svg', 'math', 'head', 'title']);
const BLOCKS = new Set(['p', 'div', 'section', 'article', 'header', 'footer', 'aside', 'table', 'tr', 'figure', 'figcaption', 'address']);
const SAFE_LINK = /^(https?:|mailto:|\/)/i;

/** Markdown's own punctuation in text would otherwise become formatting. */
function escapeText(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** Parentheses and spaces would end a Markdown link early. */
function escapeUrl(url: string): string {
  return url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function htmlToMarkdown(html: string): string {
  let out = '';
  let dropDepth = 0;
  let preDepth = 0;
  const lists: { ordered: boolean; n: number }[] = [];
  const links: (string | null)[] = [];
  // A blockquote's content is written apart, then every line of it prefixed with "> ".
  const outer: string[] = [];
  const newBlock = () => {
    out = out.replace(/[ \t]+$/, '');
    if (out && !out.endsWith('\n\n')) out += out.endsWith('\n') ? '\n' : '\n\n';
  };
  const parser = new Parser({
    onopentag(name, attrs) {
      if (dropDepth || DROPPED.has(name)) { dropDepth += DROPPED.has(name) ? 1 : 0; return; }
      if (BLOCKS.has(name)) newBlock();
      else if (/^h[1-6]$/.test(name)) { newBlock(); out += `${'#'.repeat(Number(name[1]))} `; }
      else if (name === 'br') out += '\n';
      else if (name === 'hr') { newBlock(); out += '---'; newBlock(); }
      else if (name === 'strong' || name === 'b') out += '**';
      else if (name === 'em' || name === 'i') out += '_';
      else if (name === 'code' && !preDepth) out += '`';
      else if (name === 'pre') { newBlock(); out += '```\n'; preDepth += 1; }
      else if (name === 'blockquote') { newBlock(); outer.push(out); out = ''; }
      else if (name === 'ul' || name === 'ol') { newBlock(); lists.push({ ordered: name === 'ol', n: 0 }); }
      else if (name === 'li') {
        const list = lists.at(-1);
        out = out.replace(/[ \t]+$/, '');
        if (out && !out.endsWith('\n')) out += '\n';
        const indent = '   '.repeat(Math.max(0, lists.length - 1));
        if (list) list.n += 1;
        out += `${indent}${list?.ordered ? `${list.n}.` : '-'} `;
      } else if (name === 'a') {
        const href = (attrs.href ?? '').trim();
        const safe = SAFE_LINK.test(href) ? href : null;
        links.push(safe);
        if (safe) out += '[';
      } else if (name === 'img') {
        const src = (attrs.src ?? '').trim();
        if (/^https:/i.test(src)) out += `![${escapeText(attrs.alt ?? '')}](${escapeUrl(src)})`;
      } else if (name === 'td' || name === 'th') out += ' ';
    },
    ontext(text) {
      if (dropDepth) return;
      if (preDepth) { out += text; return; }
      const collapsed = text.replace(/\s+/g, ' ');
      if (/\s$/.test(out) || out === '') out += escapeText(collapsed.replace(/^ /, ''));
      else out += escapeText(collapsed);
    },
    onclosetag(name) {
      if (dropDepth) { if (DROPPED.has(name)) dropDepth -= 1; return; }
      if (BLOCKS.has(name) || /^h[1-6]$/.test(name)) newBlock();
      else if (name === 'strong' || name === 'b') out += '**';
      else if (name === 'em' || name === 'i') out += '_';
      else if (name === 'code' && !preDepth) out += '`';
      else if (name === 'pre') { preDepth -= 1; out = out.replace(/\n?$/, '\n```'); newBlock(); }
      else if (name === 'blockquote' && outer.length) {
        const quoted = out.trim().split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n');
        out = outer.pop()!;
        newBlock();
        out += quoted;
        newBlock();
      }
      else if (name === 'ul' || name === 'ol') { lists.pop(); newBlock(); }
      else if (name === 'a') {
        const href = links.pop();
        if (href) out += `](${escapeUrl(href)})`;
      }
    },
  }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return out.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}
