import './reading.css';
import { Link } from 'react-router';
import { formatTime } from '../../lib/format';
import type { DraftHandle } from './useDraft';

/** A quiet line under the field: saved or not. Not a live region: it changes with every pause in typing. */
export function DraftStatus({ draft }: { draft: DraftHandle }) {
  const text =
    draft.status === 'saving' || draft.status === 'pending' ? 'Enregistrement du brouillon…'
      : draft.status === 'error' ? 'Brouillon non enregistré : vérifiez votre connexion, il sera réessayé.'
        : draft.status === 'saved' && draft.savedAt ? `Brouillon enregistré à ${formatTime(draft.savedAt)}.`
          : draft.initial ? `Brouillon repris (enregistré à ${formatTime(draft.initial.updatedAt)}).` : null;
  if (!text) return null;
  return (
    <p className="small muted draft-status" data-draft-status={draft.status}>
      {text} <Link to="/brouillons">Mes brouillons</Link>
    </p>
  );
}
