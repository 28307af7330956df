import { useState } from 'react';
import { Alert, Button, Link, QueryState, Select } from '../../ui';
import { useDossierPageChange, useDossierPages, useSharedPages } from './api';

/** The co-written pages placed in a dossier, after its posts; its editors add and remove them. */
export function DossierPagesSection({ dossierId, slug, canEdit }: { dossierId: number; slug: string; canEdit: boolean }) {
  const pages = useDossierPages(dossierId);
  const change = useDossierPageChange(dossierId);
  const items = pages.data?.items ?? [];
  if (!canEdit && items.length === 0) return null;
  return (
    <section aria-labelledby="dossier-pages-title" className="stack">
      <h2 id="dossier-pages-title">Les pages co-écrites du dossier</h2>
      {change.error ? <Alert tone="error"><p>{change.error.message}</p></Alert> : null}
      <QueryState query={pages} loading="Chargement des pages…">
        {() => items.length === 0 ? <p className="muted">Aucune page co-écrite dans ce dossier.</p> : (
          <ul>
            {items.map((i) => (
              <li key={i.page.id}>
                <Link to={`/pages-co-ecrites/${i.page.id}`}>{i.page.title}</Link>
                {i.page.excerpt ? <span className="muted small"> — {i.page.excerpt}</span> : null}{' '}
                {canEdit ? (
                  <Button small variant="ghost" onPress={() => change.mutate({ pageId: i.page.id, add: false })}>
                    Retirer<span className="visually-hidden"> « {i.page.title} » du dossier</span>
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {canEdit ? <AddPage slug={slug} exclude={new Set(items.map((i) => i.page.id))} onAdd={(pageId) => change.mutate({ pageId, add: true })} pending={change.isPending} /> : null}
    </section>
  );
}

function AddPage({ slug, exclude, onAdd, pending }: { slug: string; exclude: Set<number>; onAdd: (id: number) => void; pending: boolean }) {
  const pages = useSharedPages(slug);
  const [choice, setChoice] = useState('');
  const options = (pages.data?.pages.flatMap((p) => p.items) ?? []).filter((p) => !exclude.has(p.id)).map((p) => ({ value: String(p.id), label: p.title }));
  if (options.length === 0) return null;
  return (
    <div className="row" style={{ alignItems: 'end' }}>
      <Select name="dossier-page" label="Page co-écrite à ajouter" placeholder="Choisir une page" options={options} value={choice} onChange={setChoice} />
      <Button isDisabled={!choice} isPending={pending} onPress={() => { onAdd(Number(choice)); setChoice(''); }}>Ajouter au dossier</Button>
    </div>
  );
}
