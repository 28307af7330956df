import { describe, expect, it } from 'vitest';
import { MarkdownManager } from '@tiptap/markdown';
import { MARKED_OPTIONS, markdownExtensions } from '../web/src/ui/editor/extensions.js';
import { renderMarkdown } from '../server/src/lib/markdown.js';

/**
 * The rich-text editor (web/src/ui/MarkdownEditor.tsx) reads and writes Markdown with these extensions: what the
 * server renders from its output must be what it renders from the text the editor was given, and a second pass
 * through the editor must not change the text any more (no drift at each edit).
 */
const manager = new MarkdownManager({ extensions: markdownExtensions(), markedOptions: MARKED_OPTIONS });
const throughEditor = (md: string) => manager.serialize(manager.parse(md)).trim();

const SAMPLES = [
  'Bonjour **gras** et *italique*, ~~barré~~ et `code`.',
  '## Titre\n\nUn paragraphe.\n\n### Sous-titre',
  '- un\n- deux\n  - deux bis\n- trois',
  '1. premier\n2. second',
  '> une citation\n> sur deux lignes',
  '[le guide](https://www.example.org/guide) et [écrire](mailto:equipe@example.org)',
  'ligne un\nligne deux',
  '| Commune | Habitants |\n| --- | --- |\n| Lyon | 520 000 |',
  '![Plan du quartier](https://www.example.org/plan.png)',
  '```\nconst a = 1;\n```',
  'Avant\n\n---\n\nAprès',
  'Merci @marie-dupont et @animation !',
  'Des \\*étoiles\\* qui ne sont pas du gras.',
  'Lien nu : https://www.example.org/page',
];

describe('Markdown through the editor', () => {
  it.each(SAMPLES)('renders the same and is stable: %s', (md) => {
    const once = throughEditor(md);
    expect(renderMarkdown(once)).toBe(renderMarkdown(md));
    expect(throughEditor(once)).toBe(once);
  });

  it('writes a mention as the @handle the notifications read', async () => {
    const { mentionExtension } = await import('../web/src/ui/editor/mention.js');
    const withMentions = new MarkdownManager({
      extensions: [...markdownExtensions(), mentionExtension('x', () => ({ show: () => {}, key: () => false }))],
      markedOptions: MARKED_OPTIONS,
    });
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Merci ' }, { type: 'mention', attrs: { id: 'marie-dupont', label: 'marie-dupont' } }, { type: 'text', text: ' !' }] }] };
    expect(withMentions.serialize(doc).trim()).toBe('Merci @marie-dupont !');
    expect(withMentions.serialize(withMentions.parse('Merci @marie-dupont !')).trim()).toBe('Merci @marie-dupont !');
  });
});
