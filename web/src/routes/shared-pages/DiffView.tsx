import { useState } from 'react';
import { formatDateTime, fullName } from '../../lib/format';
import { Alert, Button, QueryState } from '../../ui';
import { useDiff, type DiffPart } from './api';

/** Insertions and deletions as <ins>/<del>, each announced in words for screen-reader users. */
export function DiffText({ parts }: { parts: DiffPart[] }) {
  if (parts.length === 0) return <p className="muted">Texte vide.</p>;
  return (
    <pre className="diff">
      {parts.map((p, i) => p.op === 'insert'
        ? <ins key={i}><span className="visually-hidden">[ajouté : </span>{p.text}<span className="visually-hidden">]</span></ins>
        : p.op === 'delete'
          ? <del key={i}><span className="visually-hidden">[supprimé : </span>{p.text}<span className="visually-hidden">]</span></del>
          : <span key={i}>{p.text}</span>)}
    </pre>
  );
}

/** What changed between two revisions of a page, by lines or by words. */
export function DiffView({ pageId, from, to }: { pageId: number; from: number; to: number }) {
  const [mode, setMode] = useState<'lines' | 'words'>('lines');
  const diff = useDiff(pageId, from, to, mode);
  return (
    <section className="stack" aria-labelledby={`diff-${from}-${to}`}>
      <h3 id={`diff-${from}-${to}`}>Changements de la version {from} à la version {to}</h3>
      <div className="row" role="group" aria-label="Comparer">
        <Button small variant={mode === 'lines' ? 'primary' : 'ghost'} aria-pressed={mode === 'lines'} onPress={() => setMode('lines')}>Par lignes</Button>
        <Button small variant={mode === 'words' ? 'primary' : 'ghost'} aria-pressed={mode === 'words'} onPress={() => setMode('words')}>Par mots</Button>
      </div>
      <p className="diff-legend"><span><ins>texte ajouté</ins></span><span><del>texte supprimé</del></span></p>
      <QueryState query={diff} loading="Comparaison des versions…">
        {(d) => (
          <>
            <p className="small muted">
              Version {d.from.number} ({fullName(d.from.author)}, {formatDateTime(d.from.createdAt)}) → version {d.to.number} ({fullName(d.to.author)}, {formatDateTime(d.to.createdAt)})
            </p>
            {d.title.some((p) => p.op !== 'equal') ? <><h4>Titre</h4><DiffText parts={d.title} /></> : null}
            <h4>Texte</h4>
            {d.exact ? null : <Alert tone="info"><p>Les deux versions sont trop différentes pour être comparées finement : l’ancien texte puis le nouveau sont affichés.</p></Alert>}
            <DiffText parts={d.body} />
          </>
        )}
      </QueryState>
    </section>
  );
}
