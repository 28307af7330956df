import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import Paragraph from '@tiptap/extension-paragraph';
import { TableKit } from '@tiptap/extension-table';
import { escapeBlockStarts } from './block-escape';

/** Paragraphs whose text starts like a block (« 1. », « - », « # ») are written so that they stay paragraphs. */
const LiteralParagraph = Paragraph.extend({
  renderMarkdown(node, helpers, context) {
    return escapeBlockStarts(this.parent?.(node, helpers, context) ?? '');
  },
});

/**
 * What the editor knows: the Markdown constructs the server renders (server/src/lib/markdown.ts), nothing more,
 * so whatever is typed or pasted can be written back as that Markdown. No underline (Markdown has none).
 */
export function markdownExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      underline: false,
      paragraph: false,
      link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], defaultProtocol: 'https', HTMLAttributes: { rel: 'noopener noreferrer nofollow ugc', target: null } },
    }),
    LiteralParagraph,
    Image.configure({ inline: false, allowBase64: false }),
    TableKit.configure({ table: { resizable: false } }),
  ];
}

/** marked's settings matching markdown-it's on the server: GFM tables, a single newline is a line break. */
export const MARKED_OPTIONS = { gfm: true, breaks: true } as const;
