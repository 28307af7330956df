import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Form, QueryState, TextField } from '../../ui';
import { useReasons, useSaveReason, type FlagReason } from './api';
import './moderation.css';

/** Admin tab: the reasons members choose from when flagging (edit, reorder, deactivate, add). */
export function ReasonsAdmin() {
  const reasons = useReasons(true);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section aria-labelledby="reasons-admin-title" className="stack">
      <h2 id="reasons-admin-title">Motifs de signalement</h2>
      <p>Les membres choisissent l’un de ces motifs en signalant un contenu ; l’article cité figure dans le courriel envoyé à l’auteur·e. Un motif déjà utilisé se désactive plutôt qu’il ne se supprime.</p>
      <QueryState query={reasons} loading="Chargement des motifs…">
        {(items) => (
          <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
            {items.map((r) => (
              <li key={r.code} className="card">
                {editing === r.code ? (
                  <ReasonForm reason={r} onDone={() => setEditing(null)} />
                ) : (
                  <div className="row" style={{ justifyContent: 'space-between' }}>
                    <div>
                      <strong>{r.label}</strong> {r.active ? null : <Badge tone="neutral">désactivé</Badge>}
                      <br /><span className="small muted">{r.article || 'Sans article'} · ordre {r.position} · code {r.code}</span>
                      <br /><span className="small">{r.description}</span>
                    </div>
                    <Button variant="secondary" small onPress={() => setEditing(r.code)} aria-label={`Modifier le motif ${r.label}`}>Modifier</Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <div className="card">
        <h3>Ajouter un motif</h3>
        <ReasonForm onDone={() => undefined} />
      </div>
    </section>
  );
}

function ReasonForm({ reason, onDone }: { reason?: FlagReason; onDone: () => void }) {
  const save = useSaveReason();
  const [saved, setSaved] = useState(false);
  return (
    <Form
      labels={{ code: 'Code', label: 'Libellé', description: 'Description', article: 'Article', position: 'Ordre' }}
      validate={(v) => {
        const e: Record<string, string> = {};
        if (!reason && !/^[a-z][a-z0-9_]{1,39}$/.test(v.code ?? '')) e.code = 'Lettres minuscules sans accent, chiffres et « _ » (2 à 40).';
        if (!v.label?.trim()) e.label = 'Indiquez un libellé.';
        if (!/^\d{1,4}$/.test(v.position ?? '')) e.position = 'Un nombre entre 0 et 1000.';
        return e;
      }}
      onSubmit={async (v, data, form) => {
        await save.mutateAsync({
          code: reason?.code ?? v.code!, create: !reason, label: v.label!.trim(), description: v.description ?? '',
          article: v.article ?? '', position: Number(v.position), active: data.get('active') === 'true',
        });
        if (reason) onDone(); else { form.reset(); setSaved(true); }
      }}
    >
      {saved ? <Alert tone="success"><p>Motif ajouté.</p></Alert> : null}
      {reason ? null : <TextField name="code" label="Code (technique, définitif)" isRequired maxLength={40} />}
      <TextField name="label" label="Libellé" defaultValue={reason?.label} isRequired maxLength={80} />
      <TextField name="description" label="Description montrée aux membres" defaultValue={reason?.description} multiline rows={2} maxLength={500} />
      <TextField name="article" label="Article des CGU ou de la charte" defaultValue={reason?.article} maxLength={120} placeholder="Charte éditoriale, art. 2" />
      <TextField name="position" label="Ordre d’affichage" defaultValue={String(reason?.position ?? 100)} isRequired maxLength={4} />
      <Checkbox name="active" defaultSelected={reason?.active ?? true}>Proposé aux membres</Checkbox>
      <div className="form__actions">
        <Button type="submit" small isPending={save.isPending}>{reason ? 'Enregistrer' : 'Ajouter le motif'}</Button>
        {reason ? <Button variant="secondary" small onPress={onDone}>Annuler</Button> : null}
      </div>
    </Form>
  );
}
