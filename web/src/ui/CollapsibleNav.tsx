import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { Button as AriaButton } from 'react-aria-components';
import './collapsible-nav.css';

interface Props {
  /** The navigation landmark's name (« Menu principal », « Rubriques de … »). */
  label: string;
  /** The toggle's visible text on narrow screens (« Menu », « Sections de l’e-communauté »). */
  toggleLabel: string;
  /** The page currently shown, repeated on the toggle so that a phone still tells where one is. */
  current?: string;
  /** Opened as a panel over the page (header) rather than pushing the content down (in-page menus). */
  overlay?: boolean;
  className?: string;
  /** The list of links (usually a <ul> of NavLink). */
  children: ReactNode;
}

/**
 * A navigation landmark whose links fold behind a toggle on narrow screens (WAI-ARIA « disclosure navigation
 * menu » pattern); on wider screens the toggle is not rendered (CSS) and the links are always shown, as before.
 *
 * Why not a React Aria Menu: a menu (role="menu", arrow keys) is for commands; these are page links that
 * screen readers list as links, reached with Tab, with aria-current on the page shown. Why not React Aria's
 * Disclosure or a native <details>: both hide the panel with the hidden attribute (or hidden="until-found" /
 * the details' content slot), which the desktop layout would have to fight to keep the links visible without
 * opening anything. Here the open state only matters below the breakpoint, so the CSS decides and the desktop
 * layout cannot shift. The toggle is still React Aria's Button, like the rest of the design system (press
 * handling, data-focus-visible).
 */
export function CollapsibleNav({ label, toggleLabel, current, overlay = false, className, children }: Props) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const navRef = useRef<HTMLElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);

  // An overlaid panel closes when one clicks or taps elsewhere; an in-page one stays until toggled, so that the
  // content below does not move under the pointer.
  useEffect(() => {
    if (!open || !overlay) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!navRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, overlay]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !open) return;
    e.stopPropagation();
    setOpen(false);
    toggleRef.current?.focus();
  };
  // Following a link folds the list again (the header stays mounted from one page to the next).
  const onClick = (e: MouseEvent) => {
    if ((e.target as Element).closest('a')) setOpen(false);
  };

  return (
    <nav
      ref={navRef}
      aria-label={label}
      className={`collapsible-nav${overlay ? ' collapsible-nav--overlay' : ''}${className ? ` ${className}` : ''}`}
      data-open={open || undefined}
      onKeyDown={onKeyDown}
    >
      <AriaButton
        ref={toggleRef}
        className="collapsible-nav__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onPress={() => setOpen((o) => !o)}
      >
        <span className="collapsible-nav__text">
          <span className="collapsible-nav__label">{toggleLabel}</span>
          {current ? <span className="collapsible-nav__current"><span className="visually-hidden">{'\u00a0: '}</span>{current}</span> : null}
        </span>
        <span className="collapsible-nav__chevron" aria-hidden="true" />
      </AriaButton>
      {/* Only listens to link activations, which « click » reports for mouse, touch and keyboard alike. */}
      <div id={panelId} className="collapsible-nav__panel" onClick={onClick}>
        {children}
      </div>
    </nav>
  );
}
