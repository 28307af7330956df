/**
 * Small line icons drawn inline in SVG, in the text's colour. Emoji and rare symbols depend on the system's fonts
 * (Chromium on Debian without an emoji font draws an empty box); these do not. Always beside a text that says the
 * same thing, so they are hidden from screen readers.
 */
const PATHS = {
  // A raised thumb: « Utile ».
  thumbUp: 'M7 10v11H3V10h4Zm0 0 4-8c1.7 0 3 1.3 3 3v4h5.2c1.2 0 2.1 1.1 1.9 2.3l-1.4 8A2 2 0 0 1 17.8 21H7',
  // A magnifying glass: search.
  search: 'M10.5 18a7.5 7.5 0 1 1 0-15 7.5 7.5 0 0 1 0 15Zm5.3-2.2L21 21',
  // A warning triangle with its exclamation mark.
  warning: 'M12 3 2 20h20L12 3Zm0 6v5m0 3v.5',
  // A tick: nothing left to do.
  check: 'm4 12.5 5 5L20 6.5',
  // A bookmark ribbon: « Enregistrer » (filled once the post is kept).
  bookmark: 'M6 3h12v18l-6-4.5L6 21V3Z',
  // Two chain links: the editor's « Lien » (the arrow ↗ is an emoji-capable character, drawn as a box without a font).
  link: 'M10 13.5a4.5 4.5 0 0 0 6.4.4l3-3a4.5 4.5 0 0 0-6.4-6.4l-1.6 1.6M14 10.5a4.5 4.5 0 0 0-6.4-.4l-3 3a4.5 4.5 0 0 0 6.4 6.4l1.6-1.6',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className, filled = false }: { name: IconName; className?: string; filled?: boolean }) {
  return (
    <svg
      className={`icon${className ? ` ${className}` : ''}`}
      viewBox="0 0 24 24" width="1em" height="1em" fill={filled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round"
      aria-hidden="true" focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
