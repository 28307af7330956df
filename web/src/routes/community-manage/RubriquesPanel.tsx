import { useState } from 'react';
import { LIMITS } from '../../../../common/limits';
import { useRubriqueActions, useRubriques } from '../../api/kinds';
import type { Rubrique } from '../../api/types';
import { plural } from '../../lib/format';
import { Alert, Button, ConfirmDialog, Form, TextField, check } from '../../ui';
import '../post/kinds/kinds.css';

/** The community's rubriques: add, rename, move up or down, delete (their posts stay, without rubrique). */
export function RubriquesPanel({ slug }: { slug: string }) {
  const rubriques = useRubriques(slug);
  const actions = useRubriqueActions(slug);
  const [message, setMessage] = useState<string | null>(null);
  const items = rubriques.data?.items ?? [];
  return (
    <>
      <h2 id="rubriques-title">Rubriques</h2>
      <p className="small muted">
        Les rubriques classent les publications de l’e-communauté ; les membres filtrent le fil par rubrique. {LIMITS.rubriquesPerCommunity} au plus.
      </p>
      {message ? <Alert tone="success"><p role="status">{message}</p></Alert> : null}
      {items.length === 0 ? (
        <p className="muted">Aucune rubrique pour le moment.</p>
      ) : (
        <ol className="plain-list rubrique-list" aria-labelledby="rubriques-title">
          {items.map((r, i) => (
            <RubriqueItem
              key={r.id} r={r} first={i === 0} last={i === items.length - 1}
              onMove={(position) => actions.update.mutate({ id: r.id, position })}
              onRename={async (name) => { await actions.update.mutateAsync({ id: r.id, name }); setMessage(`Rubrique renommée : ${name}.`); }}
              onDelete={async () => { await actions.remove.mutateAsync(r.id); setMessage(`Rubrique « ${r.name} » supprimée.`); }}
            />
          ))}
        </ol>
      )}
      <Form
        aria-label="Ajouter une rubrique"
        labels={{ name: 'Nom de la rubrique' }}
        validate={(v) => check(v, { name: { required: true, max: LIMITS.rubriqueName } })}
        onSubmit={async (v, _d, form) => {
          await actions.create.mutateAsync(v.name!.trim());
          form.reset();
          setMessage(`Rubrique « ${v.name!.trim()} » ajoutée.`);
        }}
      >
        <TextField name="name" label="Nom de la nouvelle rubrique" isRequired maxLength={LIMITS.rubriqueName} />
        <div className="form__actions"><Button type="submit" isPending={actions.create.isPending}>Ajouter la rubrique</Button></div>
      </Form>
    </>
  );
}

interface ItemProps {
  r: Rubrique;
  first: boolean;
  last: boolean;
  onMove: (position: number) => void;
  onRename: (name: string) => Promise<void>;
  onDelete: () => Promise<void>;
}

function RubriqueItem({ r, first, last, onMove, onRename, onDelete }: ItemProps) {
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li>
        <Form
          aria-label={`Renommer la rubrique ${r.name}`}
          labels={{ name: 'Nouveau nom' }}
          validate={(v) => check(v, { name: { required: true, max: LIMITS.rubriqueName } })}
          onSubmit={async (v) => { await onRename(v.name!.trim()); setEditing(false); }}
        >
          <TextField name="name" label={`Nouveau nom de « ${r.name} »`} defaultValue={r.name} isRequired maxLength={LIMITS.rubriqueName} autoFocus />
          <div className="form__actions">
            <Button type="submit" small>Enregistrer</Button>
            <Button variant="secondary" small onPress={() => setEditing(false)}>Annuler</Button>
          </div>
        </Form>
      </li>
    );
  }
  return (
    <li>
      <span className="rubrique-list__name">{r.name} <span className="small muted">({plural(r.postCount, 'publication')})</span></span>
      <Button small variant="ghost" isDisabled={first} onPress={() => onMove(r.position - 1)} aria-label={`Monter « ${r.name} »`}>↑</Button>
      <Button small variant="ghost" isDisabled={last} onPress={() => onMove(r.position + 1)} aria-label={`Descendre « ${r.name} »`}>↓</Button>
      <Button small variant="secondary" onPress={() => setEditing(true)} aria-label={`Renommer « ${r.name} »`}>Renommer</Button>
      <ConfirmDialog
        small triggerLabel="Supprimer" triggerAriaLabel={`Supprimer « ${r.name} »`} title={`Supprimer la rubrique « ${r.name} » ?`}
        confirmLabel="Supprimer la rubrique" onConfirm={onDelete}
      >
        <p>Ses publications restent en ligne, sans rubrique.</p>
      </ConfirmDialog>
    </li>
  );
}
