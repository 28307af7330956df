/**
 * A paragraph's text written back as Markdown must read back as the same paragraph. Tiptap escapes inline
 * delimiters (`*`, `_`, `` ` ``, `[`…) but not what opens a block at the start of a line: a paragraph pasted from
 * a word processor as « 1. Premier point » or « - tiret », or a list the writer undid with Backspace, would come
 * back from the server as a list, a heading or a quote. These line starts get a backslash, which Markdown drops.
 */
const BLOCK_STARTS: [RegExp, string][] = [
  [/^(\s{0,3})(#{1,6})(?=\s|$)/, '$1\\$2'], // heading
  [/^(\s{0,3})>/, '$1\\>'], // quote
  [/^(\s{0,3})([-+])(?=\s|$)/, '$1\\$2'], // bullet list (`*` is already escaped inline)
  [/^(\s{0,3})(\d{1,9})([.)])(?=\s|$)/, '$1$2\\$3'], // ordered list
  [/^(\s{0,3})(=+|-{2,})\s*$/, '$1\\$2'], // setext underline or thematic break
];

export function escapeBlockStarts(paragraph: string): string {
  return paragraph
    .split('\n')
    .map((line) => BLOCK_STARTS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), line))
    .join('\n');
}
