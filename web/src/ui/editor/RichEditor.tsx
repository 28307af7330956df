import { useEffect, useMemo, useRef, useState } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import { Extension, type Editor } from '@tiptap/core';
import { Markdown } from '@tiptap/markdown';
import { MARKED_OPTIONS, markdownExtensions } from './extensions';
import { cleanPastedHtml } from './paste';
import { mentionExtension, type SuggestionState, type SuggestionView } from './mention';
import { MentionList } from './MentionList';
import { Toolbar } from './Toolbar';
import { editorTools } from './tools';
import { ImageDialog, LinkDialog, ShortcutsHelp } from './dialogs';

export interface RichEditorProps {
  id: string;
  labelId: string;
  describedBy?: string;
  invalid: boolean;
  isRequired?: boolean;
  autoFocus?: boolean;
  rows: number;
  initial: string;
  onChange: (markdown: string) => void;
  mentionCommunity?: string;
  /** Slug of the community the text belongs to: images of one's own are uploaded there (none elsewhere). */
  uploadCommunity?: string;
}

type Dialog = 'link' | 'image' | null;

/** The rich-text part of MarkdownEditor, loaded on demand (its own chunk). */
export default function RichEditor({ id, labelId, describedBy, invalid, isRequired, autoFocus, rows, initial, onChange, mentionCommunity, uploadCommunity }: RichEditorProps) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [imageFile, setImageFile] = useState<File | null>(null);
  const [help, setHelp] = useState(false);
  const [suggest, setSuggest] = useState<SuggestionState | null>(null);
  const [pasteNote, setPasteNote] = useState('');
  const suggestRef = useRef<SuggestionState | null>(null);
  suggestRef.current = suggest;
  const wrapper = useRef<HTMLDivElement>(null);
  const listboxId = `${id}-suggestions`;

  const view = useRef<SuggestionView>({
    show: (s) => setSuggest(s),
    key: (event) => {
      const s = suggestRef.current;
      if (!s || s.items.length === 0) return false;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setSuggest({ ...s, active: (s.active + step + s.items.length) % s.items.length });
        return true;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        s.select(s.items[s.active]!);
        return true;
      }
      return false;
    },
  });

  const extensions = useMemo(() => {
    const toolbarKey = Extension.create({
      name: 'toolbarKeys',
      addKeyboardShortcuts: () => ({
        // The usual way to reach a text editor's toolbar from its text.
        'Alt-F10': () => {
          wrapper.current?.querySelector<HTMLButtonElement>('[role="toolbar"] button[tabindex="0"]')?.focus();
          return true;
        },
        'Mod-k': () => {
          setDialog('link');
          return true;
        },
      }),
    });
    const list = [...markdownExtensions(), Markdown.configure({ markedOptions: MARKED_OPTIONS }), toolbarKey];
    if (mentionCommunity) list.push(mentionExtension(mentionCommunity, () => view.current));
    return list;
  }, [mentionCommunity]);

  const takeImage = (data: DataTransfer | null): boolean => {
    const file = Array.from(data?.files ?? []).find((f) => f.type.startsWith('image/'));
    if (!uploadCommunity || !file) return false;
    setImageFile(file);
    setDialog('image');
    return true;
  };

  const editor = useEditor({
    extensions,
    content: initial,
    contentType: 'markdown',
    autofocus: autoFocus ? 'end' : false,
    shouldRerenderOnTransaction: true,
    immediatelyRender: true,
    // Tiptap's own <style> element would be refused by the CSP: its few rules are in markdown-editor.css.
    injectCSS: false,
    editorProps: {
      attributes: {
        id,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(invalid ? { 'aria-invalid': 'true' } : {}),
        ...(isRequired ? { 'aria-required': 'true' } : {}),
        // No style attribute (the pages' CSP refuses them): the height comes from a class.
        class: `input md-editor__area prose${rows >= 8 ? ' md-editor__area--tall' : rows <= 4 ? ' md-editor__area--short' : ''}`,
      },
      // An image file dropped or pasted: the image dialog opens with it, to ask for its alternative text first.
      handleDrop: (_view, event, _slice, moved) => !moved && takeImage(event.dataTransfer),
      handlePaste: (_view, event) => !event.clipboardData?.types.includes('text/plain') && takeImage(event.clipboardData),
      transformPastedHTML: (html) => {
        const clean = cleanPastedHtml(html);
        setPasteNote(/<img\b/i.test(html) ? 'Texte collé sans ses images ni sa mise en page : ajoutez une image avec le bouton « Image ».' : 'Texte collé sans sa mise en page d’origine.');
        return clean;
      },
    },
    onUpdate: ({ editor: e }) => onChange(e.getMarkdown().trim()),
  }, [extensions]);

  const dom = useEditorDom(editor);

  // The « Citer une publication » picker adds a Markdown link at the caret (questions/CitePicker.tsx).
  useEffect(() => {
    if (!dom || !editor) return;
    const insert = (event: Event) => {
      const text = (event as CustomEvent<string>).detail;
      editor.chain().focus().insertContent(` ${text} `, { contentType: 'markdown' }).run();
    };
    dom.addEventListener('md-insert', insert);
    return () => dom.removeEventListener('md-insert', insert);
  }, [editor, dom]);

  // While suggestions show, the text box points at the highlighted one (combobox pattern on a text box).
  useEffect(() => {
    if (!dom) return;
    if (suggest && suggest.items.length > 0) {
      dom.setAttribute('aria-autocomplete', 'list');
      dom.setAttribute('aria-controls', listboxId);
      dom.setAttribute('aria-activedescendant', `${listboxId}-${suggest.active}`);
    } else {
      dom.removeAttribute('aria-controls');
      dom.removeAttribute('aria-activedescendant');
    }
  }, [dom, suggest, listboxId]);

  const tools = useMemo(() => editorTools({ link: () => setDialog('link'), image: () => setDialog('image'), help: () => setHelp((h) => !h) }), []);
  if (!editor) return null;

  return (
    <div
      ref={wrapper}
      className="md-editor__rich"
      // Escape in the toolbar goes back to the text.
      onKeyDown={(e) => {
        if (e.key === 'Escape' && (e.target as HTMLElement).closest('[role="toolbar"]')) editor.commands.focus();
      }}
    >
      <Toolbar editor={editor} tools={tools} label="Mise en forme" />
      {help ? <ShortcutsHelp tools={tools} onClose={() => { setHelp(false); editor.commands.focus(); }} /> : null}
      <div className="md-editor__surface">
        <EditorContent editor={editor} />
        {suggest ? <MentionList id={listboxId} state={suggest} container={wrapper.current} onPick={(i) => suggest.select(suggest.items[i]!)} /> : null}
      </div>
      <p className="visually-hidden" aria-live="polite">{pasteNote}</p>
      <LinkDialog editor={editor} isOpen={dialog === 'link'} onClose={() => { setDialog(null); editor.commands.focus(); }} />
      <ImageDialog
        editor={editor}
        isOpen={dialog === 'image'}
        community={uploadCommunity}
        file={imageFile}
        onClose={() => { setDialog(null); setImageFile(null); editor.commands.focus(); }}
      />
    </div>
  );
}

/**
 * The editable element once Tiptap has a view for it. Asking `editor.view.dom` before EditorContent mounted the
 * editor throws (a newly created editor, or one re-created when its extensions change), and an error thrown in
 * an effect takes the whole page down: so it is read on the editor's mount, never assumed.
 */
function useEditorDom(editor: Editor | null): HTMLElement | null {
  const [dom, setDom] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!editor) return;
    const read = () => {
      try {
        setDom(editor.isDestroyed ? null : editor.view.dom);
      } catch {
        setDom(null);
      }
    };
    read();
    editor.on('mount', read);
    editor.on('create', read);
    editor.on('unmount', read);
    return () => {
      editor.off('mount', read);
      editor.off('create', read);
      editor.off('unmount', read);
    };
  }, [editor]);
  return dom;
}
