import { useState } from 'react';
import { Link } from 'react-router';
import { CNFPT_RESOURCE_LABELS, CNFPT_RESOURCE_TYPES, type CnfptResourceType } from '../../../../common/cnfpt';
import { LIMITS } from '../../../../common/limits';
import { formatDateTime } from '../../lib/format';
import { Alert, Badge, Button, Card, Form, LoadMore, QueryState, Select, TextField } from '../../ui';
import { useCnfptInbox, useDismissCnfpt, usePromoteCnfpt, type CnfptItem } from './cnfpt-api';

/**
 * The CNFPT resources the national team's sources brought, in the community's veille: the animation team
 * puts one forward as a « ressource CNFPT » post (title, link and type prefilled), or sets it aside.
 * Each community decides on its own.
 */
export function CnfptInbox({ slug }: { slug: string }) {
  const inbox = useCnfptInbox(slug);
  const [promoted, setPromoted] = useState<{ title: string; postId: number } | null>(null);
  return (
    <section aria-labelledby="cnfpt-title" className="veille-cnfpt">
      <h2 id="cnfpt-title">Ressources du CNFPT</h2>
      <p className="small muted">Formations, numéros de la LID et publications proposés par l’équipe nationale. Mettez en avant celles qui servent vos membres.</p>
      {promoted ? (
        <Alert tone="success"><p>« {promoted.title} » est mise en avant. <Link to={`/publications/${promoted.postId}`}>Voir la publication</Link></p></Alert>
      ) : null}
      <QueryState query={inbox}>
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          return (<>
            {items.length === 0 ? <p>Aucune nouvelle ressource du CNFPT à trier.</p> : (
              <ul className="veille-inbox" aria-label="Ressources du CNFPT à trier">
                {items.map((item) => <CnfptEntry key={item.id} slug={slug} item={item} onPromoted={setPromoted} />)}
              </ul>
            )}
            <LoadMore query={inbox} label="Ressources plus anciennes" />
          </>);
        }}
      </QueryState>
    </section>
  );
}

function CnfptEntry({ slug, item, onPromoted }: { slug: string; item: CnfptItem; onPromoted: (p: { title: string; postId: number }) => void }) {
  const [open, setOpen] = useState(false);
  const promote = usePromoteCnfpt(slug);
  const dismiss = useDismissCnfpt(slug);
  const titleId = `cnfpt-item-${item.id}`;
  return (
    <li className="veille-item">
      <Card as="article">
        <p className="small"><Badge tone="info">{CNFPT_RESOURCE_LABELS[item.resourceType]}</Badge></p>
        <h3 id={titleId} className="card__title"><a href={item.link} rel="noopener noreferrer" target="_blank">{item.title}<span className="visually-hidden"> (nouvelle fenêtre)</span></a></h3>
        <p className="small muted">{item.source.title}{item.publishedAt ? ` · ${formatDateTime(item.publishedAt)}` : ''}</p>
        {item.summary ? <p>{item.summary}</p> : null}
        {open ? (
          <Form
            aria-labelledby={titleId}
            labels={{ title: 'Titre de la publication', cnfptType: 'Type de ressource', commentary: 'Votre mot pour les membres' }}
            onSubmit={async (v) => {
              const title = v.title?.trim() || undefined;
              const res = await promote.mutateAsync({ id: item.id, title, commentary: v.commentary?.trim() || undefined, cnfptType: (v.cnfptType || item.resourceType) as CnfptResourceType });
              onPromoted({ title: title ?? item.title, postId: res.postId });
            }}
          >
            <TextField name="title" label="Titre de la publication" defaultValue={item.title.slice(0, LIMITS.postTitle)} maxLength={LIMITS.postTitle} wide />
            <Select name="cnfptType" label="Type de ressource" defaultValue={item.resourceType}
              options={CNFPT_RESOURCE_TYPES.map((t) => ({ value: t, label: CNFPT_RESOURCE_LABELS[t] }))} />
            <TextField name="commentary" label="Votre mot pour les membres (facultatif)" multiline rows={3} maxLength={LIMITS.postBody}
              description="Par défaut, le résumé du catalogue (Markdown accepté)." />
            <div className="form__actions">
              <Button type="submit" isPending={promote.isPending}>Publier la ressource CNFPT</Button>
              <Button variant="secondary" onPress={() => setOpen(false)}>Annuler</Button>
            </div>
          </Form>
        ) : (
          <div className="row veille-actions">
            <Button small onPress={() => setOpen(true)} aria-label={`Mettre en avant « ${item.title} »`}>Mettre en avant…</Button>
            <Button small variant="secondary" isPending={dismiss.isPending} onPress={() => dismiss.mutate(item.id)}
              aria-label={`Écarter la ressource « ${item.title} »`}>Écarter</Button>
          </div>
        )}
        {dismiss.error ? <Alert tone="error"><p>{dismiss.error.message}</p></Alert> : null}
      </Card>
    </li>
  );
}
