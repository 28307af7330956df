import { useRef, useState, type KeyboardEvent } from 'react';
import type { Editor } from '@tiptap/core';
import { Icon, type IconName } from '../Icon';

export interface Tool {
  key: string;
  label: string;
  /** Short visible text, or a drawn icon where no plain character says it; the label is the accessible name. */
  glyph: string | { icon: IconName };
  shortcut?: string;
  /** A formatting that is on or off at the caret: the button says so with aria-pressed. */
  active?: (e: Editor) => boolean;
  run: (e: Editor) => void;
  /** Shown only where it applies (table tools inside a table). */
  when?: (e: Editor) => boolean;
}

/** The shortcuts, as « Raccourcis » lists them (ProseMirror's own: Mod is Ctrl, or ⌘ on a Mac). */
export function shortcutLabel(s: string): string {
  return s.replace('Mod', 'Ctrl').replace(/-/g, ' + ');
}

/**
 * The formatting buttons as an ARIA toolbar: one tab stop, arrow keys (and Home, End) move between the buttons,
 * each button says its name in French and, for a formatting, whether it is on.
 */
export function Toolbar({ editor, tools, label }: { editor: Editor; tools: Tool[]; label: string }) {
  const shown = tools.filter((t) => !t.when || t.when(editor));
  const [focus, setFocus] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = Math.min(focus, shown.length - 1);

  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = shown.length - 1;
    const next = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? (current >= last ? 0 : current + 1)
      : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? (current <= 0 ? last : current - 1)
        : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
    if (next === null) return;
    event.preventDefault();
    setFocus(next);
    refs.current[next]?.focus();
  };

  return (
    <div role="toolbar" aria-label={label} aria-orientation="horizontal" className="md-toolbar" onKeyDown={move}>
      {shown.map((tool, i) => {
        const pressed = tool.active ? tool.active(editor) : undefined;
        return (
          <button
            key={tool.key}
            ref={(el) => { refs.current[i] = el; }}
            type="button"
            className={`md-toolbar__btn md-toolbar__btn--${tool.key}`}
            tabIndex={i === current ? 0 : -1}
            aria-label={tool.label}
            aria-pressed={pressed}
            aria-keyshortcuts={tool.shortcut ? tool.shortcut.replace('Mod', 'Control').replace(/-/g, '+') : undefined}
            title={tool.shortcut ? `${tool.label} (${shortcutLabel(tool.shortcut)})` : tool.label}
            onFocus={() => setFocus(i)}
            // Keeps the editor's selection while clicking with a mouse.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => tool.run(editor)}
          >
            {typeof tool.glyph === 'string' ? <span aria-hidden="true">{tool.glyph}</span> : <Icon name={tool.glyph.icon} />}
          </button>
        );
      })}
    </div>
  );
}
