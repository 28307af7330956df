import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { Button as AriaButton } from 'react-aria-components';
import './disclosure-links.css';

interface Props {
  /** The button's text (« Plus »). */
  label: string;
  /** Set when the page shown is one of the folded links: the button then names it, so one still sees where one is. */
  current?: string;
  /** A <ul> of links. */
  children: ReactNode;
}

/**
 * A group of secondary links behind a button, inside a navigation list (WAI-ARIA « disclosure navigation menu »):
 * the links stay links (Tab, aria-current), unlike a React Aria Menu whose items are commands. Échap closes and
 * gives the focus back to the button; a click outside or following a link closes too.
 */
export function DisclosureLinks({ label, current, children }: Props) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !open) return;
    e.stopPropagation();
    setOpen(false);
    buttonRef.current?.focus();
  };
  const onClick = (e: MouseEvent) => {
    if ((e.target as Element).closest('a')) setOpen(false);
  };

  return (
    <div ref={rootRef} className="disclosure-links" data-open={open || undefined} data-current={current ? true : undefined} onKeyDown={onKeyDown}>
      <AriaButton ref={buttonRef} className="disclosure-links__toggle" aria-expanded={open} aria-controls={panelId} onPress={() => setOpen((o) => !o)}>
        {label}
        {current ? <span className="disclosure-links__current"><span className="visually-hidden">{'\u00a0: '}</span>{current}</span> : null}
        <span className="disclosure-links__chevron" aria-hidden="true" />
      </AriaButton>
      <div id={panelId} className="disclosure-links__panel" hidden={!open} onClick={onClick}>
        {children}
      </div>
    </div>
  );
}
