import './markdown-editor.css';
import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useFieldId } from './Form';

// The editor (Tiptap, ProseMirror, marked) is its own chunk: pages load it only when they show a text to write.
const RichEditor = lazy(() => import('./editor/RichEditor'));

export interface MarkdownEditorProps {
  name: string;
  label: string;
  description?: string;
  defaultValue?: string;
  onChange?: (markdown: string) => void;
  isRequired?: boolean;
  maxLength?: number;
  autoFocus?: boolean;
  /** Id of the editable area (else derived from the form and the name, like TextField's). */
  id?: string;
  /** Slug of the community whose members `@` suggests (none outside a community). */
  mentionCommunity?: string;
  /** Slug of the community the text is written in (posts, comments): the image dialog then uploads files there. */
  uploadCommunity?: string;
  rows?: number;
}

type Mode = 'rich' | 'markdown';
const MODE_KEY = 'editor-mode';

function savedMode(): Mode {
  try {
    return localStorage.getItem(MODE_KEY) === 'markdown' ? 'markdown' : 'rich';
  } catch {
    return 'rich';
  }
}

/**
 * A text field for Markdown: a rich-text editor (toolbar, shortcuts, mentions) or, for those who prefer it, the raw
 * Markdown. The value lives in a hidden input named `name`, so uncontrolled forms read it from FormData as before.
 * Code that writes into that hidden input (anonymisation check) sends an `input` event: the editor takes the new text.
 */
export function MarkdownEditor({ name, label, description, defaultValue = '', onChange, isRequired, maxLength, autoFocus, id, mentionCommunity, uploadCommunity, rows = 6 }: MarkdownEditorProps) {
  const field = useFieldId(name, id);
  const uid = useId().replace(/:/g, '');
  const labelId = `${uid}-label`;
  const descId = description ? `${uid}-desc` : undefined;
  const errorId = field.error ? `${uid}-error` : undefined;
  const [mode, setMode] = useState<Mode>(savedMode);
  const [value, setValue] = useState(defaultValue);
  // Bumped when the text changes from outside the editor (reset, anonymisation): the rich editor starts again from it.
  const [revision, setRevision] = useState(0);
  const hidden = useRef<HTMLInputElement>(null);
  const current = useRef(value);
  current.current = value;

  const change = useCallback((next: string) => {
    current.current = next;
    setValue(next);
    onChange?.(next);
  }, [onChange]);

  useEffect(() => {
    const input = hidden.current;
    const form = input?.form;
    if (!input) return;
    const external = () => {
      if (input.value === current.current) return;
      change(input.value);
      setRevision((r) => r + 1);
    };
    const reset = () => {
      current.current = defaultValue;
      setValue(defaultValue);
      setRevision((r) => r + 1);
    };
    input.addEventListener('input', external);
    form?.addEventListener('reset', reset);
    return () => {
      input.removeEventListener('input', external);
      form?.removeEventListener('reset', reset);
    };
  }, [change, defaultValue]);

  // A text that arrives after the first render (a saved draft loading) replaces the field's text, unless the person
  // has already typed something of their own.
  const lastDefault = useRef(defaultValue);
  useEffect(() => {
    if (defaultValue === lastDefault.current) return;
    const untouched = current.current === lastDefault.current;
    lastDefault.current = defaultValue;
    if (!untouched) return;
    current.current = defaultValue;
    setValue(defaultValue);
    setRevision((r) => r + 1);
  }, [defaultValue]);

  const switchTo = (next: Mode) => {
    setMode(next);
    try { localStorage.setItem(MODE_KEY, next); } catch { /* private browsing: the choice lasts for the page */ }
  };

  const describedBy = [descId, errorId].filter(Boolean).join(' ') || undefined;
  const shared = { id: field.id, labelId, describedBy, invalid: Boolean(field.error), isRequired, autoFocus };
  const textarea = (
    <textarea
      id={field.id}
      className="input md-editor__source"
      rows={rows}
      aria-labelledby={labelId}
      aria-describedby={describedBy}
      aria-invalid={field.error ? true : undefined}
      aria-required={isRequired || undefined}
      maxLength={maxLength}
      autoFocus={autoFocus}
      value={value}
      onChange={(e) => change(e.target.value)}
    />
  );

  return (
    <div className="field field--wide md-editor" data-mode={mode}>
      <div className="md-editor__head">
        <label id={labelId} htmlFor={field.id} className="field__label">{label}</label>
        <button
          type="button"
          className="btn btn--ghost btn--small md-editor__mode"
          aria-pressed={mode === 'markdown'}
          onClick={() => switchTo(mode === 'markdown' ? 'rich' : 'markdown')}
        >
          Markdown
        </button>
      </div>
      {description ? <p id={descId} className="field__description">{description}</p> : null}
      {mode === 'markdown' ? textarea : (
        <Suspense fallback={textarea}>
          <RichEditor key={revision} {...shared} rows={rows} initial={value} onChange={change} mentionCommunity={mentionCommunity} uploadCommunity={uploadCommunity} />
        </Suspense>
      )}
      <input ref={hidden} type="hidden" name={name} value={value} />
      {maxLength && value.length > maxLength * 0.9 ? (
        <p className="small muted" aria-live="polite">{value.length} / {maxLength} caractères</p>
      ) : null}
      {field.error ? <p id={errorId} className="field__error">{field.error}</p> : null}
    </div>
  );
}
