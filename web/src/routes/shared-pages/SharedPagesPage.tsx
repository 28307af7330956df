import { useNavigate, useParams } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { formatDateTime, fullName } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Badge, Button, Card, Form, Link, LoadMore, QueryState, MarkdownEditor, TextField, check } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { useCreatePage, useSharedPages } from './api';
import './shared-pages.css';

export default function SharedPagesPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement des pages…">{(c) => <PagesView c={c} />}</PageQuery>;
}

function PagesView({ c }: { c: Community }) {
  useTitle(`Pages co-écrites – ${c.name}`);
  const pages = useSharedPages(c.slug);
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to={`/communautes/${c.slug}`}>{c.name}</Link> ›</p>
          <h1>Pages co-écrites</h1>
          <p className="muted">Guides pratiques, foires aux questions, notes partagées de webinaires : des pages que les membres écrivent ensemble, avec l’historique de chaque version.</p>
        </div>
      </div>
      <CommunityNav c={c} />
      <QueryState query={pages} loading="Chargement des pages…">
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          if (items.length === 0) return <p className="muted">Aucune page pour l’instant.{c.can.post ? ' Lancez la première !' : ''}</p>;
          return (
            <ul className="spage-list" aria-label="Pages co-écrites">
              {items.map((p) => (
                <li key={p.id}>
                  <Card>
                    <h3><Link to={`/pages-co-ecrites/${p.id}`}>{p.title}</Link></h3>
                    <p className="spage-meta small muted">
                      <span>Version {p.revision}, modifiée par {fullName(p.updatedBy)} le {formatDateTime(p.updatedAt)}</span>
                      {p.locked ? <Badge tone="warning">Verrouillée</Badge> : null}
                    </p>
                    {p.excerpt ? <p>{p.excerpt}</p> : null}
                  </Card>
                </li>
              ))}
            </ul>
          );
        }}
      </QueryState>
      <LoadMore query={pages} label="Plus de pages" />
      {c.can.post ? <NewPage slug={c.slug} /> : null}
    </>
  );
}

function NewPage({ slug }: { slug: string }) {
  const create = useCreatePage(slug);
  const navigate = useNavigate();
  return (
    <section aria-labelledby="new-page" className="stack" style={{ marginTop: 'var(--sp-6)' }}>
      <h2 id="new-page">Nouvelle page</h2>
      <Form
        requiredNote
        labels={{ title: 'Titre', body: 'Texte' }}
        validate={(v) => check(v, { title: { required: true, max: LIMITS.wikiTitle }, body: { max: LIMITS.wikiBody } })}
        onSubmit={async (v) => {
          const page = await create.mutateAsync({ title: v.title!.trim(), body: v.body ?? '', summary: 'Première version' });
          navigate(`/pages-co-ecrites/${page.id}`);
        }}
      >
        <TextField name="title" label="Titre" isRequired maxLength={LIMITS.wikiTitle} wide />
        <MarkdownEditor name="body" label="Texte" description="Mise en forme avec la barre d’outils, ou en Markdown." rows={10} maxLength={LIMITS.wikiBody} />
        <div className="form__actions"><Button type="submit" isPending={create.isPending}>Créer la page</Button></div>
      </Form>
    </section>
  );
}
