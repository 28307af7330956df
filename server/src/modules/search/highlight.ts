/**
 * ts_headline returns the source text with marks around matches, without escaping anything:
 * a post containing "<script>" would come back as is. PostgreSQL marks matches with two private-use
 * characters (removed from the source first, so only PostgreSQL can produce them); here everything is
 * escaped, then only those two characters become <mark> and </mark>.
 */
export const MARK_START = '\uE000';
export const MARK_STOP = '\uE001';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Escaped text with balanced <mark> elements only. */
export function highlightToHtml(headline: string): string {
  let open = false;
  let out = '';
  for (const part of escapeHtml(headline).split(/([\uE000\uE001])/)) {
    if (part === MARK_START) {
      if (!open) out += '<mark>';
      open = true;
    } else if (part === MARK_STOP) {
      if (open) out += '</mark>';
      open = false;
    } else {
      out += part;
    }
  }
  return open ? `${out}</mark>` : out;
}
