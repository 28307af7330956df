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

/**
 * Search results are highlighted here rather than by ts_headline: ts_headline parses and stems the
 * whole document again for every hit (3 to 6 ms of PostgreSQL CPU for a page of 20, more than finding
 * the hits), while the query's lexemes are all we need to find the words to mark.
 */

const ACCENTED = 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿ';
const PLAIN = 'aaaaaaceeeeiiiinooooouuuuyy';
const UNACCENT = new Map([...ACCENTED].map((c, i) => [c, PLAIN[i]!]));

/**
 * The text as PostgreSQL's lower() and unaccent see it, character for character (same length, so
 * positions found in it are positions in the text); null in the rare case lowercasing changes the length.
 */
function fold(text: string): string | null {
  const lower = text.toLowerCase();
  // eslint-disable-next-line no-control-regex -- the ASCII range [\x00-\x7f] is meant: every other character is folded
  return lower.length === text.length ? lower.replace(/[^\x00-\x7f]/g, (c) => UNACCENT.get(c) ?? c) : null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** The text of our sanitized HTML: tags become spaces, entities are decoded, spaces collapsed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
      if (ENTITIES[name] !== undefined) return ENTITIES[name];
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : name[0] === '#' ? Number(name.slice(1)) : NaN;
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Matches every word beginning with one of the query's lexemes, in folded text: the prefix reading
 * ts_headline was given ('elu':*), so "élus" is marked for a search of "élu". unaccent turns "œ"
 * into "oe", hence the alternatives.
 */
export function hitPattern(lexemes: readonly string[]): RegExp | null {
  const alternatives = lexemes
    .filter((l) => l.length > 0)
    .map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/oe/g, '(?:oe|œ)').replace(/ae/g, '(?:ae|æ)'));
  return alternatives.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})[\\p{L}\\p{N}]*`, 'gu');
}

type Span = [start: number, end: number];

function hits(text: string, pattern: RegExp | null): Span[] {
  const folded = pattern && fold(text);
  if (!folded) return [];
  return [...folded.matchAll(pattern!)].map((m) => [m.index, m.index + m[0].length]);
}

/** text[from, to) escaped, its hits in <mark>. */
function render(text: string, marks: Span[], from: number, to: number): string {
  let out = '';
  let at = from;
  for (const [start, end] of marks) {
    if (end <= from || start >= to) continue;
    out += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return out + escapeHtml(text.slice(at, to));
}

/** The whole text, escaped, with every matching word in <mark>. */
export function markAll(text: string, pattern: RegExp | null): string {
  return render(text, hits(text, pattern), 0, text.length);
}

/**
 * An excerpt of about `size` words around the first hits, in up to two fragments joined by " … "
 * (the MaxWords/MaxFragments reading of ts_headline); the opening words when nothing matches
 * (a hit on the title only). Escaped, hits in <mark>.
 */
export function markedExcerpt(text: string, pattern: RegExp | null, size = 35, fragments = 2): string {
  const marks = hits(text, pattern);
  const words: Span[] = [...text.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length]);
  if (words.length === 0) return '';
  const spans: Span[] = [];
  let w = 0;
  for (const [start] of marks) {
    if (spans.length === fragments) break;
    while (w < words.length - 1 && words[w]![1] <= start) w += 1;
    if (spans.length > 0 && w < spans[spans.length - 1]![1]) continue;
    const first = Math.max(0, w - Math.floor(size / 4));
    spans.push([first, Math.min(words.length, first + size)]);
  }
  if (spans.length === 0) spans.push([0, Math.min(words.length, size)]);
  const parts = spans.map(([a, b]) => render(text, marks, words[a]![0], words[b - 1]![1]));
  const head = spans[0]![0] > 0 ? '… ' : '';
  const tail = spans[spans.length - 1]![1] < words.length ? ' …' : '';
  return head + parts.join(' … ') + tail;
}
