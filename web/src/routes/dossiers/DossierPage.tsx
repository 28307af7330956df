import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDate, fullName } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Card, ConfirmDialog } from '../../ui';
import { PageQuery } from '../../components/PageQuery';
import { DossierFollowButton } from '../../components/notifications/DossierFollowButton';
import { NotFound } from '../not-found/NotFoundPage';
import { useDeleteDossier, useDossier, useEditDossier, useRemoveItem, useReorder, type Dossier, type DossierItem } from './api';
import { DossierForm } from './DossierForm';
import { PostPicker } from './PostPicker';
import { DossierPagesSection } from '../shared-pages/DossierPagesSection';
import './dossiers.css';

export default function DossierPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const dossier = useDossier(valid ? id : 0);
  if (!valid) return <NotFound />;
  return <PageQuery query={dossier} loading="Chargement du dossier…">{(d) => <DossierView d={d} />}</PageQuery>;
}

function DossierView({ d }: { d: Dossier }) {
  useTitle(`${d.title} – Dossiers`);
  return (
    <article className="stack" aria-labelledby="dossier-title">
      <p className="small muted">
        <Link to={`/communautes/${d.community.slug}`}>{d.community.name}</Link> › <Link to={`/communautes/${d.community.slug}/dossiers`}>Dossiers</Link> ›
      </p>
      <h1 id="dossier-title">{d.title}</h1>
      <p className="muted small">Dossier composé par {fullName(d.createdBy)}, mis à jour le {formatDate(d.updatedAt)}</p>
      <DossierFollowButton dossierId={d.id} />
      {d.cover ? <img className="dossier__cover" src={d.cover.url} alt={d.cover.alt} referrerPolicy="no-referrer" /> : null}
      {d.introHtml ? <div className="prose" dangerouslySetInnerHTML={{ __html: d.introHtml }} /> : null}
      <section aria-labelledby="dossier-items-title">
        <h2 id="dossier-items-title">Les publications du dossier</h2>
        {d.items.length === 0 ? <p className="muted">Ce dossier ne contient encore aucune publication.</p> : <Items d={d} />}
      </section>
      <DossierPagesSection dossierId={d.id} slug={d.community.slug} canEdit={d.can.edit} />
      {d.can.edit ? <EditTools d={d} /> : null}
    </article>
  );
}

function Items({ d }: { d: Dossier }) {
  const reorder = useReorder(d.id);
  const remove = useRemoveItem(d.id);
  const ids = d.items.map((i) => i.post.id);
  // The button pressed is disabled while saving; once the new order is shown, the keyboard goes back
  // to the moved post: the same button, or its twin once the post reaches an end of the list.
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (refocus && !reorder.isPending) {
      document.getElementById(refocus)?.focus();
      setRefocus(null);
    }
  }, [refocus, reorder.isPending, d.items]);
  const move = async (item: DossierItem, delta: -1 | 1) => {
    const from = ids.indexOf(item.post.id);
    const next = [...ids];
    next.splice(from, 1);
    next.splice(from + delta, 0, item.post.id);
    const to = from + delta;
    const preferred = delta < 0 ? (to === 0 ? 'down' : 'up') : (to === ids.length - 1 ? 'up' : 'down');
    await reorder.mutateAsync(next).then(() => setRefocus(`move-${preferred}-${item.post.id}`), () => undefined);
  };
  return (
    <>
      {reorder.error ? <Alert tone="error"><p>{reorder.error.message}</p></Alert> : null}
      {remove.error ? <Alert tone="error"><p>{remove.error.message}</p></Alert> : null}
      <ol className="dossier-items">
        {d.items.map((item, index) => (
          <li key={item.post.id}>
            <div>
              <h3><Link to={`/publications/${item.post.id}`}>{item.post.title}</Link></h3>
              <p className="muted small">{fullName(item.post.author)}, le {formatDate(item.post.createdAt)}</p>
              {item.note ? <p><em>{item.note}</em></p> : null}
              {item.post.excerpt ? <p>{item.post.excerpt}</p> : null}
              {d.can.edit ? (
                <div className="dossier-item__tools">
                  <Button id={`move-up-${item.post.id}`} variant="secondary" small isDisabled={index === 0 || reorder.isPending}
                    aria-label={`Monter « ${item.post.title} »`} onPress={() => void move(item, -1)}>↑ Monter</Button>
                  <Button id={`move-down-${item.post.id}`} variant="secondary" small isDisabled={index === d.items.length - 1 || reorder.isPending}
                    aria-label={`Descendre « ${item.post.title} »`} onPress={() => void move(item, 1)}>↓ Descendre</Button>
                  <Button variant="ghost" small isDisabled={remove.isPending} aria-label={`Retirer « ${item.post.title} » du dossier`}
                    onPress={() => void remove.mutateAsync(item.post.id).catch(() => undefined)}>Retirer</Button>
                </div>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite">{reorder.isSuccess ? 'Ordre du dossier enregistré.' : ''}</p>
    </>
  );
}

function EditTools({ d }: { d: Dossier }) {
  const edit = useEditDossier(d.id);
  const remove = useDeleteDossier(d.id, d.community.slug);
  const navigate = useNavigate();
  return (
    <Card as="section">
      <h2 className="card__title">Composer le dossier</h2>
      <PostPicker d={d} />
      <details>
        <summary>Modifier le titre, l’introduction ou la couverture</summary>
        {edit.isSuccess ? <Alert tone="success"><p>Le dossier a été modifié.</p></Alert> : null}
        <DossierForm dossier={d} label="Modifier le dossier" submitLabel="Enregistrer" pending={edit.isPending} onSubmit={(input) => edit.mutateAsync(input)} />
      </details>
      <div className="form__actions">
        <ConfirmDialog
          small
          triggerLabel="Supprimer le dossier"
          title="Supprimer ce dossier ?"
          confirmLabel="Supprimer le dossier"
          isPending={remove.isPending}
          onConfirm={() => remove.mutateAsync().then(() => navigate(`/communautes/${d.community.slug}/dossiers`), () => undefined)}
        >
          <p>Le dossier « {d.title} » disparaîtra ; ses publications restent en ligne.</p>
        </ConfirmDialog>
      </div>
    </Card>
  );
}
