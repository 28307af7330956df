import { useRef, useState } from 'react';
import { useParams } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { ApiError } from '../../api/client';
import { PageQuery } from '../../components/PageQuery';
import { formatDateTime, fullName } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Badge, Button, Form, Link, LoadMore, QueryState, MarkdownEditor, TextField, check } from '../../ui';
import { NotFound } from '../not-found/NotFoundPage';
import { useEditingNotice, useLock, useRestore, useRevisions, useSavePage, useSharedPage, type SharedPage } from './api';
import { DiffView } from './DiffView';
import './shared-pages.css';

export default function SharedPagePage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const page = useSharedPage(valid ? id : 0);
  if (!valid) return <NotFound />;
  return <PageQuery query={page} loading="Chargement de la page…">{(p) => <PageView p={p} />}</PageQuery>;
}

type Mode = 'read' | 'edit' | 'history';

function PageView({ p }: { p: SharedPage }) {
  useTitle(`${p.title} – Pages co-écrites`);
  const [mode, setMode] = useState<Mode>('read');
  const [notice, setNotice] = useState<string | null>(null);
  const lock = useLock(p.id);
  const done = (message: string) => { setNotice(message); setMode('read'); };
  return (
    <article className="stack" aria-labelledby="spage-title">
      <p className="small muted">
        <Link to={`/communautes/${p.community.slug}`}>{p.community.name}</Link> › <Link to={`/communautes/${p.community.slug}/pages`}>Pages co-écrites</Link> ›
      </p>
      <h1 id="spage-title">{p.title}</h1>
      <p className="spage-meta small muted">
        <span>Version {p.revision}, modifiée par {fullName(p.updatedBy)} le {formatDateTime(p.updatedAt)} · créée par {fullName(p.createdBy)}</span>
        {p.locked ? <Badge tone="warning">Verrouillée{p.locked.by ? ` par ${fullName(p.locked.by)}` : ''}</Badge> : null}
      </p>
      <div className="spage-tools" role="group" aria-label="Actions sur la page">
        <Button small variant={mode === 'read' ? 'primary' : 'secondary'} aria-pressed={mode === 'read'} onPress={() => setMode('read')}>Lire</Button>
        {p.can.edit ? <Button small variant={mode === 'edit' ? 'primary' : 'secondary'} aria-pressed={mode === 'edit'} onPress={() => { setNotice(null); setMode('edit'); }}>Modifier</Button> : null}
        <Button small variant={mode === 'history' ? 'primary' : 'secondary'} aria-pressed={mode === 'history'} onPress={() => setMode('history')}>Historique</Button>
        {p.can.lock ? (
          <Button small variant="ghost" isPending={lock.isPending} onPress={() => lock.mutate(!p.locked, { onSuccess: (n) => setNotice(n.locked ? 'La page est verrouillée : seuls les membres de l’équipe d’animation peuvent la modifier.' : 'La page est de nouveau ouverte à la co-écriture.') })}>
            {p.locked ? 'Déverrouiller' : 'Verrouiller'}
          </Button>
        ) : null}
      </div>
      {p.locked && !p.can.edit ? <Alert tone="info" live={false}><p>L’équipe d’animation a verrouillé cette page : elle ne peut pas être modifiée pour le moment.</p></Alert> : null}
      {p.editing && p.can.edit ? (
        <Alert tone="warning" live={false} title={`${fullName(p.editing.by)} est en train de modifier cette page`}>
          <p>Si vous la modifiez aussi, vous verrez ses changements avant d’enregistrer les vôtres : rien ne sera écrasé sans que vous le sachiez.</p>
        </Alert>
      ) : null}
      <div role="status" aria-live="polite">{notice ? <Alert tone="success" live={false}><p>{notice}</p></Alert> : null}</div>
      {mode === 'read' ? (p.bodyHtml ? <div className="prose" dangerouslySetInnerHTML={{ __html: p.bodyHtml }} /> : <p className="muted">Cette page est vide.</p>) : null}
      {mode === 'edit' ? <Editor p={p} onSaved={done} onCancel={() => setMode('read')} /> : null}
      {mode === 'history' ? <History p={p} onRestored={done} /> : null}
    </article>
  );
}

/**
 * The editor keeps the revision it started from. If someone saved meanwhile, the server answers
 * 409: the writer's text stays in the form, the changes made by the other person are shown, and
 * the writer decides to save on top of them once they have taken them into account.
 */
function Editor({ p, onSaved, onCancel }: { p: SharedPage; onSaved: (m: string) => void; onCancel: () => void }) {
  const [base, setBase] = useState(p.revision);
  const [title, setTitle] = useState(p.title);
  const [body, setBody] = useState(p.bodyMd);
  const [conflict, setConflict] = useState<number | null>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const save = useSavePage(p.id);
  useEditingNotice(p.id);
  return (
    <section aria-labelledby="edit-title" className="stack">
      <h2 id="edit-title">Modifier la page</h2>
      <p className="small muted">Vous modifiez à partir de la version {base}.</p>
      {conflict !== null ? (
        <div className="spage-conflict stack" ref={conflictRef} tabIndex={-1}>
          <Alert tone="warning" title="Une autre version a été enregistrée pendant que vous écriviez">
            <p>Votre texte n’est pas perdu : il est toujours dans le formulaire ci-dessous. Voici ce qui a changé entre la version {base} (celle que vous modifiiez) et la version {conflict} (la plus récente).</p>
          </Alert>
          <DiffView pageId={p.id} from={base} to={conflict} />
          <div className="row">
            <Button variant="secondary" onPress={() => { setBase(conflict); setConflict(null); }}>
              J’ai pris en compte ces changements : enregistrer ma version par-dessus la version {conflict}
            </Button>
          </div>
        </div>
      ) : null}
      <Form
        labels={{ title: 'Titre', body: 'Texte', summary: 'Résumé de la modification' }}
        validate={(v) => check(v, { title: { required: true, max: LIMITS.wikiTitle }, body: { max: LIMITS.wikiBody }, summary: { max: LIMITS.wikiSummary } })}
        onSubmit={async (v) => {
          try {
            await save.mutateAsync({ title: title.trim(), body, summary: v.summary ?? '', baseRevision: base });
            onSaved('Votre version est enregistrée.');
          } catch (err) {
            if (err instanceof ApiError && err.code === 'WIKI_EDIT_CONFLICT') {
              const latest = await fetch(`/api/shared-pages/${p.id}`, { credentials: 'same-origin' }).then((r) => r.json() as Promise<SharedPage>);
              setConflict(latest.revision);
              requestAnimationFrame(() => conflictRef.current?.focus());
            }
            throw err;
          }
        }}
      >
        <TextField name="title" label="Titre" isRequired maxLength={LIMITS.wikiTitle} value={title} onChange={setTitle} wide />
        <MarkdownEditor name="body" label="Texte" description="Mise en forme avec la barre d’outils, ou en Markdown." rows={16} maxLength={LIMITS.wikiBody} defaultValue={body} onChange={setBody} />
        <TextField name="summary" label="Résumé de la modification" description="Facultatif, par exemple : « ajout de la FAQ sur les subventions »." maxLength={LIMITS.wikiSummary} wide />
        <div className="form__actions">
          <Button type="submit" isPending={save.isPending} isDisabled={conflict !== null}>Enregistrer</Button>
          <Button variant="ghost" onPress={onCancel}>Annuler</Button>
        </div>
      </Form>
    </section>
  );
}

function History({ p, onRestored }: { p: SharedPage; onRestored: (m: string) => void }) {
  const revisions = useRevisions(p.id);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [compare, setCompare] = useState<{ from: number; to: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const restore = useRestore(p.id);
  return (
    <section aria-labelledby="history-title" className="stack">
      <h2 id="history-title">Historique des versions</h2>
      <p className="small muted">Choisissez deux versions à comparer, ou restaurez une ancienne version (elle devient la nouvelle version, rien n’est effacé).</p>
      {error ? <Alert tone="error"><p>{error}</p></Alert> : null}
      <QueryState query={revisions} loading="Chargement de l’historique…">
        {(data) => (
          <ol className="spage-history" aria-label="Versions, la plus récente d’abord">
            {data.pages.flatMap((pg) => pg.items).map((r) => (
              <li key={r.number}>
                <span><strong>Version {r.number}</strong> — {fullName(r.author)}, {formatDateTime(r.createdAt)}{r.summary ? ` : ${r.summary}` : ''}</span>
                <fieldset>
                  <legend className="visually-hidden">Comparer la version {r.number}</legend>
                  <label><input type="radio" name="from" checked={from === r.number} onChange={() => setFrom(r.number)} /> ancienne</label>
                  <label><input type="radio" name="to" checked={to === r.number} onChange={() => setTo(r.number)} /> nouvelle</label>
                </fieldset>
                {p.can.restore && r.number !== p.revision ? (
                  <Button small variant="secondary" isPending={restore.isPending && restore.variables?.revision === r.number}
                    onPress={() => { setError(null); restore.mutate({ revision: r.number, baseRevision: p.revision }, {
                      onSuccess: (n) => onRestored(`La version ${r.number} est restaurée : elle devient la version ${n.revision}.`),
                      onError: (e) => setError(e.message),
                    }); }}>
                    Restaurer la version {r.number}
                  </Button>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </QueryState>
      <LoadMore query={revisions} label="Versions plus anciennes" />
      <div className="row">
        <Button isDisabled={from === null || to === null || from === to} onPress={() => setCompare({ from: from!, to: to! })}>Comparer les versions choisies</Button>
      </div>
      {compare ? <DiffView pageId={p.id} from={compare.from} to={compare.to} /> : null}
    </section>
  );
}
