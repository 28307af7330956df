import type { SuggestionState } from './mention';

/**
 * The `@` suggestions: a listbox the text box points at (aria-activedescendant), so a screen reader reads the
 * highlighted person while the caret stays in the text; arrows move, Enter or Tab choose, Escape closes.
 */
export function MentionList({ id, state, container, onPick }: { id: string; state: SuggestionState; container: HTMLElement | null; onPick: (index: number) => void }) {
  const box = container?.getBoundingClientRect();
  const top = state.rect && box ? state.rect.bottom - box.top + 4 : undefined;
  const left = state.rect && box ? Math.max(0, Math.min(state.rect.left - box.left, box.width - 260)) : 0;
  const count = state.items.length;
  return (
    <>
      {count > 0 ? (
        <ul
          id={id}
          role="listbox"
          aria-label="Personnes à mentionner"
          className="md-mentions"
          // Positioned through the CSSOM (the CSP refuses style attributes, not style properties).
          ref={(el) => {
            if (!el) return;
            el.style.top = top === undefined ? '' : `${top}px`;
            el.style.left = `${left}px`;
          }}
        >
          {state.items.map((item, i) => (
            <li
              key={item.handle}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === state.active}
              className="md-mentions__item"
              onMouseDown={(e) => { e.preventDefault(); onPick(i); }}
            >
              <span className="md-mentions__label">{item.label}</span>{' '}
              <span className="md-mentions__hint">@{item.handle}{item.hint ? ` · ${item.hint}` : ''}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {count === 0 ? (state.query.length > 0 ? 'Aucun membre ne correspond.' : '')
          : `${count} suggestion${count > 1 ? 's' : ''} : flèches haut et bas pour choisir, Entrée pour mentionner, Échap pour fermer.`}
      </p>
    </>
  );
}
