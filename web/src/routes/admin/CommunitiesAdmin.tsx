import { useState } from 'react';
import { Link } from 'react-router';
import { useCommunities, useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { CommunityForm } from '../../components/CommunityForm';
import { RolePanel } from '../../components/RolePanel';
import { plural } from '../../lib/format';
import { STATUS_LABELS, STATUS_TONES } from '../../lib/labels';
import { Input, Label, SearchField } from 'react-aria-components';
import { Alert, Badge, Button, Card, LoadMore, QueryState } from '../../ui';

export function CommunitiesAdmin() {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const list = useCommunities(q);
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="stack">
      <section aria-labelledby="admin-list-title">
        <h2 id="admin-list-title">E-communautés</h2>
        {notice ? <Alert tone="success"><p>{notice}</p></Alert> : null}
        {/* The network has ~40 communities and more drafts over time: find one without paging. */}
        <div role="search" className="directory-search">
          <SearchField value={text} onChange={setText} onSubmit={(v) => setQ(v.trim())} onClear={() => setQ('')} className="field">
            <Label className="field__label">Rechercher une e-communauté à administrer</Label>
            <Input className="input" />
          </SearchField>
        </div>
        <QueryState query={list}>
          {() => (
            <>
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">Toutes les e-communautés, y compris en préparation</caption>
                  <thead>
                    <tr><th scope="col">Nom</th><th scope="col">Statut</th><th scope="col">Membres</th><th scope="col">Actions</th></tr>
                  </thead>
                  <tbody>
                    {items.map((c) => (
                      <tr key={c.id}>
                        <th scope="row"><Link to={`/communautes/${c.slug}`}>{c.name}</Link></th>
                        <td><Badge tone={STATUS_TONES[c.status]}>{STATUS_LABELS[c.status]}</Badge></td>
                        <td>{plural(c.memberCount, 'membre')}</td>
                        <td>
                          <Button variant="secondary" small aria-label={`Modifier ${c.name}`} onPress={() => { setNotice(null); setCreating(false); setSelected(c.slug); }}>
                            Modifier
                          </Button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <LoadMore query={list} />
            </>
          )}
        </QueryState>
        {!creating ? (
          <div style={{ marginTop: 'var(--sp-4)' }}>
            <Button onPress={() => { setSelected(null); setNotice(null); setCreating(true); }}>Créer une e-communauté</Button>
          </div>
        ) : null}
      </section>

      {creating ? (
        <Card as="section">
          <h2 className="card__title">Nouvelle e-communauté</h2>
          <CommunityForm
            full
            submitLabel="Créer l’e-communauté"
            onDone={(c) => { setCreating(false); setNotice(`L’e-communauté « ${c.name} » est créée.`); setSelected(c.slug); }}
          />
          <Button variant="secondary" onPress={() => setCreating(false)}>Annuler</Button>
        </Card>
      ) : null}

      {selected ? <EditCommunity key={selected} slug={selected} onSaved={(c) => { setNotice(`Les modifications de « ${c.name} » sont enregistrées.`); setSelected(c.slug); }} onClose={() => setSelected(null)} /> : null}
    </div>
  );
}

function EditCommunity({ slug, onSaved, onClose }: { slug: string; onSaved: (c: Community) => void; onClose: () => void }) {
  const community = useCommunity(slug);
  return (
    <QueryState query={community}>
      {(c) => (
        <Card as="section">
          <h2 className="card__title" id="edit-community-title" tabIndex={-1}>Modifier « {c.name} »</h2>
          <CommunityForm key={c.slug} community={c} full submitLabel="Enregistrer les modifications" onDone={onSaved} />
          <div className="stack" style={{ marginTop: 'var(--sp-5)' }}>
            <RolePanel slug={c.slug} role="coordinator" title="Coordinateurs" people={c.coordinators} headingLevel={3} />
            <RolePanel slug={c.slug} role="animator" title="Animateurs" people={c.animators} headingLevel={3} />
          </div>
          <div style={{ marginTop: 'var(--sp-4)' }}>
            <Button variant="secondary" onPress={onClose}>Fermer</Button>
          </div>
        </Card>
      )}
    </QueryState>
  );
}
