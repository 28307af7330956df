import { describe, expect, it } from 'vitest';
import { hitPattern, htmlToText, markAll, markedExcerpt } from './highlight.js';

describe('search highlighting', () => {
  it('marks words beginning with a lexeme, accents and case ignored, and escapes the rest', () => {
    const pattern = hitPattern(['elu', 'oeuvr']);
    expect(markAll('Les Élus <b>mettent</b> en œuvre ; délus', pattern))
      .toBe('Les <mark>Élus</mark> &lt;b&gt;mettent&lt;/b&gt; en <mark>œuvre</mark> ; délus');
    expect(markAll('Rien à voir', hitPattern([]))).toBe('Rien à voir');
    // Lexemes are matched as text, never as a regular expression.
    expect(markAll('a.b axb', hitPattern(['a.b']))).toBe('<mark>a.b</mark> axb');
  });

  it('reads the text out of sanitized HTML', () => {
    expect(htmlToText('<p>Tom &amp; Léa&nbsp;: &lt;script&gt; &#233;t&#xE9;</p>\n<ul><li>un</li></ul>')).toBe('Tom & Léa : <script> été un');
  });

  it('cuts an excerpt of about 35 words around the first hits, in at most two fragments', () => {
    const words = Array.from({ length: 200 }, (_, i) => `mot${i}`);
    words[100] = 'budget';
    words[180] = 'budgets';
    const excerpt = markedExcerpt(words.join(' '), hitPattern(['budget']));
    const [first, second] = excerpt.replace(/^… /, '').split(' … ');
    expect(excerpt.startsWith('… mot92 ')).toBe(true);
    expect(first!.split(' ')).toHaveLength(35);
    expect(first).toContain('mot99 <mark>budget</mark> mot101');
    // The second fragment starts a little before its hit and runs to the end of the text: no closing ellipsis.
    expect(second!.startsWith('mot172 ')).toBe(true);
    expect(second!.endsWith('<mark>budgets</mark> mot181 mot182 mot183 mot184 mot185 mot186 mot187 mot188 mot189 mot190 mot191 mot192 mot193 mot194 mot195 mot196 mot197 mot198 mot199')).toBe(true);
    words[180] = 'mot180';
    expect(markedExcerpt(words.join(' '), hitPattern(['budget'])).endsWith('mot126 …')).toBe(true);
    // Nothing matches in the body (a title hit): the opening words.
    expect(markedExcerpt('Un deux trois', hitPattern(['budget']))).toBe('Un deux trois');
    expect(markedExcerpt('', hitPattern(['budget']))).toBe('');
  });
});
