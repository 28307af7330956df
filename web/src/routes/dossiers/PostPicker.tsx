import { useState } from 'react';
import { Button as AriaButton, Input, Label, SearchField, Text } from 'react-aria-components';
import { formatDate } from '../../lib/format';
import { Alert, Button, Spinner } from '../../ui';
import { useAddItem, useCandidates, type Dossier } from './api';

/** Finds the community's posts by title and adds one to the dossier. */
export function PostPicker({ d }: { d: Dossier }) {
  const [q, setQ] = useState('');
  const term = q.trim();
  const search = useCandidates(d.community.slug, term, term.length >= 2);
  const add = useAddItem(d.id);
  const inDossier = new Set(d.items.map((i) => i.post.id));
  const results = (search.data?.items ?? []).filter((p) => !inDossier.has(p.id));
  return (
    <div className="stack">
      <SearchField value={q} onChange={setQ} className="field">
        <Label className="field__label">Ajouter une publication (recherche par titre)</Label>
        <Text slot="description" className="field__description">Saisissez au moins 2 lettres du titre d’une publication de l’e-communauté.</Text>
        <div className="search-input">
          <Input className="input" />
          {q ? <AriaButton className="btn btn--ghost btn--small" aria-label="Effacer la recherche">✕</AriaButton> : null}
        </div>
      </SearchField>
      {add.error ? <Alert tone="error"><p>{add.error.message}</p></Alert> : null}
      <div aria-live="polite">
        {term.length < 2 ? null : search.isPending ? <Spinner label="Recherche…" /> : search.error ? (
          <Alert tone="error"><p>{search.error.message}</p></Alert>
        ) : results.length === 0 ? (
          <p className="muted">Aucune autre publication ne correspond à « {term} ».</p>
        ) : (
          <ul className="plain-list picker__results" aria-label="Publications trouvées">
            {results.map((p) => (
              <li key={p.id}>
                <span><strong>{p.title}</strong> <span className="muted small">— {formatDate(p.createdAt)}</span></span>
                <Button small isDisabled={add.isPending} aria-label={`Ajouter « ${p.title} » au dossier`}
                  onPress={() => void add.mutateAsync(p.id).then(() => setQ(''), () => undefined)}>Ajouter</Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
