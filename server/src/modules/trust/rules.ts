import { createHash } from 'node:crypto';

/**
 * Limits for accounts that have not yet taken part: most spam comes from fresh accounts
 * posting links, so a newcomer may still share a couple of links but not flood.
 */
export const TRUST = {
  /** An account is new for this long after registration... */
  newAccountHours: 24,
  /** ...or until it has this many contributions (posts and comments) still online. */
  establishedAfterContributions: 3,
  newAccountMaxLinks: 2,
  /** Identical text by the same author is refused for this long. */
  duplicateWindowSeconds: 24 * 60 * 60,
  /** Shorter comments ("Merci !", "+1") are only duplicates on the same post. */
  duplicateCommentGlobalLength: 80,
} as const;

const MD_LINK = /!?\[[^\]\n]*\]\(\s*<?[^)\s>]+>?(?:\s+"[^"]*")?\s*\)/g;
const MD_REFERENCE = /^\s{0,3}\[[^\]\n]+\]:\s*\S+/gm;
const AUTOLINK = /<(?:https?|ftp):\/\/[^>\s]+>/gi;
const BARE_URL = /(?<![\w/@.])(?:https?:\/\/|www\.)[^\s<>()]+/gi;

/** Links in Markdown: [text](url), images, references, <autolinks> and bare URLs, each once. */
export function countLinks(markdown: string): number {
  let rest = markdown;
  let count = 0;
  for (const re of [MD_LINK, MD_REFERENCE, AUTOLINK]) {
    rest = rest.replace(re, () => {
      count += 1;
      return ' ';
    });
  }
  return count + (rest.match(BARE_URL)?.length ?? 0);
}

/** Case, accents of spacing and Markdown emphasis do not make a text different. */
export function normaliseForDuplicate(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[*_~`>#]+/g, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

export function contentHash(parts: (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
