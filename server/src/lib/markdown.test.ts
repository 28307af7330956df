import { describe, expect, it } from 'vitest';
import { absoluteUrls, excerpt, renderMarkdown } from './markdown.js';

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

  it('shows images uploaded here by their relative address, and no other relative or protocol-relative image', () => {
    expect(renderMarkdown('![Plan du site](/api/attachments/12/plan.png)')).toContain('<img src="/api/attachments/12/plan.png" alt="Plan du site" />');
    expect(renderMarkdown('![Photo](https://example.org/a.jpg)')).toContain('<img src="https://example.org/a.jpg"');
    for (const src of ['/api/session', '/api/attachments/12', '/api/attachments/12/../../session', '/api/attachments/x/a.png', '//evil.example/a.png', 'plan.png', '../api/attachments/12/plan.png', 'http://example.org/a.png', '/api/attachments/12/a.png?x=1']) {
      expect(renderMarkdown(`![x](${src})`), src).not.toContain('<img');
    }
    expect(renderMarkdown('<img src="/api/users/me">')).not.toContain('<img');
  });

  it('makes relative addresses absolute for readers outside the site', () => {
    const html = renderMarkdown('![Plan](/api/attachments/12/plan.png) [page](/communautes/agen) [ext](https://cnfpt.fr/a)');
    const out = absoluteUrls(html, 'https://ecommunautes.example/');
    expect(out).toContain('<img src="https://ecommunautes.example/api/attachments/12/plan.png"');
    expect(out).toContain('href="https://ecommunautes.example/communautes/agen"');
    expect(out).toContain('href="https://cnfpt.fr/a"');
    expect(out).not.toMatch(/(src|href)="\//);
  });

  it('marks links as untrusted', () => {
    expect(renderMarkdown('https://www.cnfpt.fr')).toContain('rel="noopener noreferrer nofollow ugc"');
  });
});

describe('excerpt', () => {
  it('strips markup and keeps whole blocks while they fit', () => {
    expect(excerpt('# Titre\n\nUn **texte** long', 40)).toBe('Titre Un texte long');
    expect(excerpt('# Titre\n\nUn **texte** long', 12)).toBe('Titre …');
  });

  it('cuts a first block longer than the excerpt at a word', () => {
    expect(excerpt('Les conseils citoyens du quartier se réunissent chaque mois', 30)).toBe('Les conseils citoyens du…');
  });

  it('leaves tables and code out, and stops at a list item rather than inside it', () => {
    const poll = [
      'Résultats du sondage « Quel format pour la rencontre de juin ? » : 12 participant·e·s.',
      '',
      '| Réponse | Voix | Part des participant·e·s |',
      '| --- | ---: | ---: |',
      '| Webinaire | 0 | 0 % |',
      '| Atelier | 12 | 100 % |',
      '',
      '```',
      'code',
      '```',
      '',
      '- premier point de la liste',
      '- second point, bien plus long que ce qui reste de place dans l’extrait',
    ].join('\n');
    const text = excerpt(poll, 120);
    expect(text).toBe('Résultats du sondage « Quel format pour la rencontre de juin ? » : 12 participant·e·s. premier point de la liste …');
    expect(text).not.toMatch(/Webinaire|Voix|code/);
  });

  it('decodes entities and keeps inline code', () => {
    expect(excerpt('Tom &amp; Jerry : `npm start`')).toBe('Tom & Jerry : npm start');
  });
});
