import { useState } from 'react';
import { SearchField, Input, Label, Text, Button as AriaButton } from 'react-aria-components';
import { useUserSearch, type UserHit } from '../api/users';
import { fullName } from '../lib/format';
import { Alert, Button, Spinner } from '../ui';

interface UserPickerProps {
  /** Visible label of the search field. */
  label: string;
  /** Text of the button next to each result, e.g. "Nommer coordinateur·rice". */
  actionLabel: string;
  /** Resolves true when the action succeeded: the search is then cleared. */
  onPick: (user: UserHit) => Promise<boolean>;
  isPending?: boolean;
}

/** Searches members by name (GET /api/users?q=) and offers an action for each result. */
export function UserPicker({ label, actionLabel, onPick, isPending }: UserPickerProps) {
  const [q, setQ] = useState('');
  const search = useUserSearch(q);
  const term = q.trim();
  return (
    <div className="stack">
      <SearchField value={q} onChange={setQ} className="field">
        <Label className="field__label">{label}</Label>
        <Text slot="description" className="field__description">Saisissez au moins 2 lettres du nom ou du prénom.</Text>
        <div className="search-input">
          <Input className="input" />
          {q ? <AriaButton className="btn btn--ghost btn--small" aria-label="Effacer la recherche">✕</AriaButton> : null}
        </div>
      </SearchField>
      <div aria-live="polite">
        {term.length < 2 ? null : search.isPending ? (
          <Spinner label="Recherche…" />
        ) : search.error ? (
          <Alert tone="error"><p>{search.error.message}</p></Alert>
        ) : search.data && search.data.items.length === 0 ? (
          <p className="muted">Aucun membre ne correspond à « {term} ».</p>
        ) : search.data ? (
          <>
            <p className="visually-hidden">{search.data.items.length} résultat(s)</p>
            <ul className="plain-list picker__results" aria-label="Résultats de la recherche">
              {search.data.items.map((u) => (
                <li key={u.id}>
                  <span>
                    <strong>{fullName(u)}</strong>
                    <span className="muted small"> — {[u.job, u.employer].filter(Boolean).join(', ')}</span>
                  </span>
                  <Button small isDisabled={isPending} onPress={() => void onPick(u).then((ok) => ok && setQ(''))} aria-label={`${actionLabel} : ${fullName(u)}`}>
                    {actionLabel}
                  </Button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
