import { describe, expect, it } from 'vitest';
import { excerpt, renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    expect(renderMarkdown('**Contrat de ville** et [ANCT](https://anct.gouv.fr)')).toContain('<strong>Contrat de ville</strong>');
  });

  it('stores scripts, event handlers and javascript: links harmless', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)> [clic](javascript:alert(1)) <a href="javascript:alert(2)" onclick="x()">a</a>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i); // no event handler inside any real tag
    expect(html).not.toMatch(/<a[^>]*href\s*=\s*"?\s*javascript:/i);
    expect(html).toContain('&lt;script&gt;'); // shown as text, so nothing is lost
  });

  it('aligns table columns with classes, never with style attributes the pages\' CSP would refuse', () => {
    const html = renderMarkdown('| Commune | Habitants |\n|:--|--:|\n| Agen | 32 000 |');
    expect(html).toContain('<th class="md-align-left">Commune</th>');
    expect(html).toContain('<td class="md-align-right">32 000</td>');
    expect(html).not.toMatch(/style=/);
  });

  it('marks links as untrusted', () => {
    expect(renderMarkdown('https://www.cnfpt.fr')).toContain('rel="noopener noreferrer nofollow ugc"');
  });
});

describe('excerpt', () => {
  it('strips markup and shortens', () => {
    expect(excerpt('# Titre\n\nUn **texte** long', 12)).toBe('Titre Un te…');
  });
});
