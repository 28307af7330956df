import { useState } from 'react';
import { CNFPT_RESOURCE_LABELS, CNFPT_RESOURCE_TYPES, type CnfptResourceType } from '../../../../common/cnfpt';
import { LIMITS } from '../../../../common/limits';
import { formatDateTime } from '../../lib/format';
import { Alert, Badge, Button, Card, ConfirmDialog, Form, QueryState, Select, TextField, type Errors } from '../../ui';
import { useAddCnfptSource, useCnfptSources, useDeleteCnfptSource, type CnfptSource } from './cnfpt-api';

/**
 * « Ressources CNFPT » tab of the national steering: the RSS/Atom feeds of the CNFPT catalogue whose
 * entries reach the veille of every e-communauté, where the animation teams put them forward.
 */
export function CnfptSourcesAdmin() {
  return (
    <div className="stack">
      <p>Les ressources de ces flux (formations, numéros de la LID, publications) arrivent dans la veille de chaque e-communauté, relevées toutes les 30 minutes. Chaque équipe d’animation choisit celles qu’elle met en avant.</p>
      <Card as="section">
        <h2 id="cnfpt-add-title" className="card__title">Ajouter une source</h2>
        <AddSource />
      </Card>
      <section aria-labelledby="cnfpt-sources-title">
        <h2 id="cnfpt-sources-title">Sources configurées</h2>
        <Sources />
      </section>
    </div>
  );
}

function AddSource() {
  const add = useAddCnfptSource();
  const [added, setAdded] = useState<CnfptSource | null>(null);
  return (
    <Form
      aria-labelledby="cnfpt-add-title"
      labels={{ url: 'Adresse du flux RSS ou Atom', title: 'Nom de la source', resourceType: 'Type des ressources' }}
      validate={(v): Errors => {
        const errors: Errors = {};
        if (!/^https?:\/\/\S+$/.test(v.url?.trim() ?? '')) errors.url = 'Indiquez l’adresse complète du flux, commençant par http:// ou https://.';
        if (!v.resourceType) errors.resourceType = 'Choisissez le type des ressources de ce flux.';
        return errors;
      }}
      onSubmit={async (v, _data, form) => {
        setAdded(null);
        setAdded(await add.mutateAsync({ url: v.url!.trim(), title: v.title?.trim() || undefined, resourceType: v.resourceType as CnfptResourceType }));
        form.reset();
      }}
    >
      <TextField name="url" type="url" label="Adresse du flux RSS ou Atom" isRequired wide placeholder="https://…"
        description="Le flux est lu tout de suite : ses ressources entrent dans la veille de chaque e-communauté." />
      <Select name="resourceType" label="Type des ressources" placeholder="Choisir…" isRequired
        options={CNFPT_RESOURCE_TYPES.map((t) => ({ value: t, label: CNFPT_RESOURCE_LABELS[t] }))} />
      <TextField name="title" label="Nom de la source (facultatif)" maxLength={LIMITS.veilleSourceTitle} wide description="Par défaut, le titre du flux." />
      <div className="form__actions">
        <Button type="submit" isPending={add.isPending}>Ajouter la source</Button>
      </div>
      {added ? <Alert tone="success"><p>Source « {added.title} » ajoutée : {added.itemCount} ressource{added.itemCount > 1 ? 's' : ''} reçue{added.itemCount > 1 ? 's' : ''}.</p></Alert> : null}
    </Form>
  );
}

function Sources() {
  const sources = useCnfptSources();
  const remove = useDeleteCnfptSource();
  return (
    <QueryState query={sources}>
      {(data) => data.items.length === 0 ? <p>Aucune source pour l’instant.</p> : (
        <ul className="plain-list stack" aria-label="Sources de ressources CNFPT">
          {data.items.map((s) => (
            <li key={s.id}>
              <Card as="article">
                <h3 className="card__title">{s.title}</h3>
                <p className="small">{CNFPT_RESOURCE_LABELS[s.resourceType]} · <span className="veille-url">{s.url}</span></p>
                {s.error ? (
                  <p className="small"><Badge tone="warning">En échec</Badge> {s.error.message} ({s.error.failuresInARow} de suite, le dernier le {formatDateTime(s.error.at)}).</p>
                ) : (
                  <p className="small"><Badge tone="success">En service</Badge> {s.lastSuccessAt ? `Lue le ${formatDateTime(s.lastSuccessAt)}` : 'Pas encore lue'} · {s.itemCount} reçue{s.itemCount > 1 ? 's' : ''}</p>
                )}
                <ConfirmDialog small triggerLabel="Retirer" triggerAriaLabel={`Retirer la source « ${s.title} »`}
                  title="Retirer cette source ?" confirmLabel="Retirer la source" isPending={remove.isPending}
                  onConfirm={() => remove.mutateAsync(s.id)}>
                  <p>Ses ressources non triées quittent la veille des e-communautés ; celles déjà mises en avant restent publiées.</p>
                </ConfirmDialog>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}
