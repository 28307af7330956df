import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { formatDateTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Badge, Button, Card, ConfirmDialog, Form, LoadMore, QueryState, Select, TextField, type Errors } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { GroupedBarChart } from '../steering/charts';
import { CnfptInbox } from './CnfptInbox';
import {
  useActivity, useAddSource, useDeleteSource, useDismissItem, useInbox, usePollSource, usePublishItem, useSources,
  type Figures, type InboxItem, type VeilleActivity, type VeilleSource,
} from './api';
import '../steering/steering.css';
import './veille.css';

/** /communautes/:slug/veille — the animation team's veille inbox and its RSS/Atom sources. */
export default function VeillePage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement…">{(c) => <VeilleView c={c} />}</PageQuery>;
}

function VeilleView({ c }: { c: Community }) {
  useTitle(`Veille – ${c.name}`);
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to={`/communautes/${c.slug}`}>{c.name}</Link> ›</p>
          <h1>Veille</h1>
        </div>
      </div>
      <CommunityNav c={c} />
      {!c.can.moderate ? (
        <Alert tone="info"><p>Cette page est réservée à l’équipe d’animation de l’e-communauté.</p></Alert>
      ) : (<>
        <div className="two-cols">
          <section aria-labelledby="inbox-title">
            <h2 id="inbox-title">Boîte de veille</h2>
            <p className="small muted">Les articles de vos sources, relevées toutes les 30 minutes. Publiez-en un avec votre commentaire, ou écartez-le.</p>
            <Inbox slug={c.slug} />
          </section>
          <aside aria-labelledby="sources-title" className="stack">
            <h2 id="sources-title">Sources</h2>
            <Card as="section"><AddSource slug={c.slug} /></Card>
            <Sources slug={c.slug} />
          </aside>
        </div>
        <CnfptInbox slug={c.slug} />
        <Activity slug={c.slug} />
      </>)}
    </>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
const percent = (share: number) => new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(share);
const weekLabel = (start: string) =>
  new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${start}T00:00:00Z`));
const STATE: Record<VeilleActivity['sources'][number]['state'], { label: string; tone: 'success' | 'warning' }> = {
  ok: { label: 'En service', tone: 'success' },
  failing: { label: 'En échec', tone: 'warning' },
  broken: { label: 'En panne', tone: 'warning' },
};

/** The figures in one sentence: the chart's text alternative, and what the team reads first. */
function summarise(f: Figures): string {
  if (f.received === 0) return 'Aucun article reçu sur les 12 dernières semaines.';
  const agreed = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
  return `Sur les 12 dernières semaines : ${agreed(f.received, 'article reçu', 'articles reçus')}, `
    + `${agreed(f.published, 'publié', 'publiés')} (${percent(f.publishedShare ?? 0)}), `
    + `${agreed(f.dismissed, 'écarté', 'écartés')}, ${f.pending} à trier.`;
}

/** Activity of the veille over 12 weeks: a chart per week (all sources or one), the table per source, the broken ones. */
function Activity({ slug }: { slug: string }) {
  const activity = useActivity(slug);
  const [sourceId, setSourceId] = useState('');
  return (
    <section aria-labelledby="activity-title" className="veille-activity">
      <h2 id="activity-title">Activité de la veille</h2>
      <QueryState query={activity}>
        {(a) => {
          const source = a.sources.find((s) => String(s.id) === sourceId) ?? null;
          const shown = source ?? a.totals;
          const broken = a.sources.filter((s) => s.state === 'broken');
          return (<>
            {broken.length > 0 ? (
              <Alert tone="warning">
                <p>{broken.length > 1 ? 'Sources en panne' : 'Source en panne'} : {broken.map((s) => `« ${s.title} » (${plural(s.error?.failuresInARow ?? 0, 'échec')} de suite)`).join(', ')}. Vérifiez leur adresse ou retirez-les.</p>
              </Alert>
            ) : null}
            {a.sources.length > 1 ? (
              <div className="row">
                <Select name="activity-source" label="Source" placeholder="Toutes les sources" value={sourceId} onChange={setSourceId}
                  options={a.sources.map((s) => ({ value: String(s.id), label: s.title }))} />
              </div>
            ) : null}
            <p>{source ? `« ${source.title} » — ` : ''}{summarise(shown)}</p>
            <GroupedBarChart
              title={source ? `Articles par semaine de réception, « ${source.title} »` : 'Articles par semaine de réception'}
              unit="articles"
              groupHeader="Semaine du"
              series={[{ label: 'Reçus', tone: 'primary' }, { label: 'Publiés', tone: 'success' }, { label: 'Écartés', tone: 'accent' }]}
              groups={a.weeks.map((w, i) => {
                const f = shown.weeks[i]!;
                return { label: weekLabel(w.start), values: [f.received, f.published, f.dismissed] };
              })}
            />
            <p className="small muted">Chaque semaine compte les articles reçus cette semaine-là, et ce qu’ils sont devenus depuis.</p>
            {a.sources.length > 0 ? (
              // Wider than a phone with long source names: the scrolling box is reachable with the keyboard.
              <div className="table-scroll" tabIndex={0} role="region" aria-label="Activité par source, tableau défilant">
                <table className="steering-table">
                  <caption>Activité par source sur 12 semaines</caption>
                  <thead>
                    <tr>
                      <th scope="col">Source</th><th scope="col">Reçus</th><th scope="col">Publiés</th><th scope="col">Écartés</th>
                      <th scope="col">À trier</th><th scope="col">Part publiée</th><th scope="col">État</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.sources.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">{s.title}</th>
                        <td>{s.received}</td><td>{s.published}</td><td>{s.dismissed}</td><td>{s.pending}</td>
                        <td>{s.publishedShare === null ? '—' : percent(s.publishedShare)}</td>
                        <td>
                          <Badge tone={STATE[s.state].tone}>{STATE[s.state].label}</Badge>
                          {s.error ? <span className="small"> {plural(s.error.failuresInARow, 'échec')} de suite</span> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </>);
        }}
      </QueryState>
    </section>
  );
}

function Inbox({ slug }: { slug: string }) {
  const inbox = useInbox(slug);
  // Kept here: the published item leaves the list (and its component) as soon as the inbox refreshes.
  const [published, setPublished] = useState<{ title: string; postId: number } | null>(null);
  return (
    <QueryState query={inbox}>
      {(data) => {
        const items = data.pages.flatMap((p) => p.items);
        return (<>
      {published ? (
        <Alert tone="success"><p>« {published.title} » est publié. <Link to={`/publications/${published.postId}`}>Voir la publication</Link></p></Alert>
      ) : null}
      {items.length === 0 ? (
        <p>Rien à trier pour l’instant : les nouveaux articles de vos sources arriveront ici.</p>
      ) : (
        <ul className="veille-inbox" aria-label="Articles à trier">
          {items.map((item) => <InboxEntry key={item.id} slug={slug} item={item} onPublished={setPublished} />)}
        </ul>
      )}
      <LoadMore query={inbox} label="Articles plus anciens" />
        </>);
      }}
    </QueryState>
  );
}

function InboxEntry({ slug, item, onPublished }: {
  slug: string;
  item: InboxItem;
  onPublished: (p: { title: string; postId: number }) => void;
}) {
  const [publishing, setPublishing] = useState(false);
  const publish = usePublishItem(slug);
  const dismiss = useDismissItem(slug);
  const titleId = `veille-item-${item.id}`;
  return (
    <li className="veille-item">
      <Card as="article">
        <h3 id={titleId} className="card__title"><a href={item.link} rel="noopener noreferrer nofollow" target="_blank">{item.title}<span className="visually-hidden"> (nouvelle fenêtre)</span></a></h3>
        <p className="small muted">{item.source.title}{item.publishedAt ? ` · ${formatDateTime(item.publishedAt)}` : ''}</p>
        {item.summary ? <p>{item.summary}</p> : null}
        {publishing ? (
          <Form
            aria-labelledby={titleId}
            labels={{ title: 'Titre de la publication', commentary: 'Votre commentaire' }}
            validate={(v): Errors => (v.commentary?.trim() ? {} : { commentary: 'Écrivez votre commentaire : ce que ce texte apporte à l’e-communauté.' })}
            onSubmit={async (v) => {
              const res = await publish.mutateAsync({ id: item.id, commentary: v.commentary!, title: v.title?.trim() || undefined });
              onPublished({ title: v.title?.trim() || item.title, postId: res.postId });
            }}
          >
            <TextField name="title" label="Titre de la publication" defaultValue={item.title.slice(0, 200)} maxLength={200} wide />
            <TextField name="commentary" label="Votre commentaire" multiline rows={4} isRequired autoFocus
              description="Pourquoi cet article compte pour les membres (Markdown accepté)." />
            <div className="form__actions">
              <Button type="submit" isPending={publish.isPending}>Publier la veille</Button>
              <Button variant="secondary" onPress={() => setPublishing(false)}>Annuler</Button>
            </div>
          </Form>
        ) : (
          <div className="row veille-actions">
            <Button small onPress={() => setPublishing(true)} aria-label={`Publier « ${item.title} »`}>Publier…</Button>
            <Button small variant="secondary" isPending={dismiss.isPending} onPress={() => dismiss.mutate(item.id)}
              aria-label={`Écarter « ${item.title} »`}>Écarter</Button>
          </div>
        )}
        {dismiss.error ? <Alert tone="error"><p>{dismiss.error.message}</p></Alert> : null}
      </Card>
    </li>
  );
}

function AddSource({ slug }: { slug: string }) {
  const add = useAddSource(slug);
  const [added, setAdded] = useState<VeilleSource | null>(null);
  return (
    <Form
      aria-label="Ajouter une source de veille"
      labels={{ url: 'Adresse du flux RSS ou Atom', title: 'Nom de la source' }}
      validate={(v): Errors => (/^https?:\/\/\S+$/.test(v.url?.trim() ?? '') ? {} : { url: 'Indiquez l’adresse complète du flux, commençant par http:// ou https://.' })}
      onSubmit={async (v, _data, form) => {
        setAdded(null);
        const source = await add.mutateAsync({ url: v.url!.trim(), title: v.title?.trim() || undefined });
        setAdded(source);
        form.reset();
      }}
    >
      <TextField name="url" type="url" label="Adresse du flux RSS ou Atom" isRequired wide placeholder="https://…"
        description="Le flux est lu tout de suite : ses articles entrent dans la boîte de veille." />
      <TextField name="title" label="Nom de la source (facultatif)" maxLength={120} wide description="Par défaut, le titre du flux." />
      <div className="form__actions">
        <Button type="submit" isPending={add.isPending}>Ajouter la source</Button>
      </div>
      {added ? <Alert tone="success"><p>Source « {added.title} » ajoutée : {added.itemCount} article{added.itemCount > 1 ? 's' : ''} reçu{added.itemCount > 1 ? 's' : ''}.</p></Alert> : null}
    </Form>
  );
}

function Sources({ slug }: { slug: string }) {
  const sources = useSources(slug);
  return (
    <QueryState query={sources}>
      {(data) => data.items.length === 0 ? <p>Aucune source pour l’instant.</p> : (
        <ul className="veille-sources" aria-label="Sources suivies">
          {data.items.map((s) => <SourceEntry key={s.id} slug={slug} source={s} />)}
        </ul>
      )}
    </QueryState>
  );
}

function SourceEntry({ slug, source }: { slug: string; source: VeilleSource }) {
  const poll = usePollSource(slug);
  const remove = useDeleteSource(slug);
  return (
    <li>
      <Card as="article">
        <h3 className="card__title">{source.title}</h3>
        <p className="small veille-url">{source.url}</p>
        {source.error ? (
          <div className="veille-error">
            <Badge tone="warning">En échec</Badge>
            <p className="small">
              {source.error.message} ({source.error.failuresInARow} échec{source.error.failuresInARow > 1 ? 's' : ''} de suite, le dernier le {formatDateTime(source.error.at)}).
              {' '}{source.lastSuccessAt ? `Dernière lecture réussie : ${formatDateTime(source.lastSuccessAt)}.` : 'Jamais lue avec succès.'}
            </p>
          </div>
        ) : (
          <p className="small"><Badge tone="success">En service</Badge>{' '}
            {source.lastSuccessAt ? `Lue le ${formatDateTime(source.lastSuccessAt)}` : 'Pas encore lue'} · {source.pendingCount} à trier · {source.itemCount} reçu{source.itemCount > 1 ? 's' : ''}
          </p>
        )}
        <div className="row veille-actions">
          <Button small variant="secondary" isPending={poll.isPending} onPress={() => poll.mutate(source.id)}
            aria-label={`Relever « ${source.title} » maintenant`}>Relever maintenant</Button>
          <ConfirmDialog small triggerLabel="Retirer" triggerAriaLabel={`Retirer la source « ${source.title} »`}
            title="Retirer cette source ?" confirmLabel="Retirer la source" isPending={remove.isPending}
            onConfirm={() => remove.mutateAsync(source.id)}>
            <p>Ses articles non triés quittent la boîte de veille ; les publications déjà faites restent.</p>
          </ConfirmDialog>
        </div>
        {poll.data && poll.data.source.id === source.id && !source.error ? (
          <p className="small" role="status">{poll.data.added} nouvel article{poll.data.added > 1 ? 's' : ''}.</p>
        ) : null}
        {poll.error ? <Alert tone="error"><p>{poll.error.message}</p></Alert> : null}
      </Card>
    </li>
  );
}
