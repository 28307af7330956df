import Mention from '@tiptap/extension-mention';
import type { SuggestionKeyDownProps, SuggestionProps } from '@tiptap/suggestion';
import { api } from '../../api/client';
import type { MentionItem, MentionSuggestionPage } from '../../../../common/api/notifications';

export interface SuggestionState {
  items: MentionItem[];
  active: number;
  query: string;
  select: (item: MentionItem) => void;
  rect: DOMRect | null;
}

export interface SuggestionView {
  /** Called with the list to show, or null once it closes. */
  show: (state: SuggestionState | null) => void;
  /** Arrow keys, Enter and Escape while the list is open; true when the key was used. */
  key: (event: KeyboardEvent) => boolean;
}

/**
 * Tiptap's Mention node, written to Markdown as the text the server already reads (`@prenom-nom`, see
 * notifications/hooks.ts), not as Tiptap's own `[@ id=…]` form; read back from Markdown it is plain text, which the
 * server treats the same way. Suggestions come from the community's members (accents ignored by the server).
 */
export function mentionExtension(community: string, view: () => SuggestionView) {
  return Mention.extend({
    markdownTokenizer: undefined,
    parseMarkdown: undefined,
    renderMarkdown: (node: { attrs?: { id?: string } }) => `@${node.attrs?.id ?? ''}`,
  }).configure({
    HTMLAttributes: { class: 'md-mention' },
    renderText: ({ node }) => `@${node.attrs.id}`,
    renderHTML: ({ node, options }) => ['span', options.HTMLAttributes, `@${node.attrs.id}`],
    suggestion: {
      char: '@',
      items: async ({ query }) => {
        try {
          const page = await api.get<MentionSuggestionPage>(`/communities/${encodeURIComponent(community)}/mention-suggestions?q=${encodeURIComponent(query)}&limit=8`);
          return page.items;
        } catch {
          return [];
        }
      },
      render: () => {
        let props: SuggestionProps<MentionItem, { id: string; label: string }> | null = null;
        const show = (p: SuggestionProps<MentionItem, { id: string; label: string }>) => {
          props = p;
          view().show({
            items: p.items, active: 0, query: p.query, rect: p.clientRect?.() ?? null,
            select: (item) => props?.command({ id: item.handle, label: item.handle }),
          });
        };
        return {
          onStart: show,
          onUpdate: show,
          onKeyDown: ({ event }: SuggestionKeyDownProps) => view().key(event),
          onExit: () => {
            props = null;
            view().show(null);
          },
        };
      },
    },
  });
}
