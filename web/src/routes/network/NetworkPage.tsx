import { useState, type FormEvent } from 'react';
import { formatDate, formatDateTimeFull } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Card, LoadMore, QueryState } from '../../ui';
import '../national/national.css';
import { useCommentPractice, useNetworkEvents, useNetworkMe, usePractice, usePractices, useRegistration, useSharePractice, type NetworkEvent } from './api';
import { KIND } from './api';

const when = formatDateTimeFull;

/** /reseau-animateurs — the animators' network: its events and its private space of good practices. */
export default function NetworkPage() {
  useTitle('Réseau des animateurs');
  const me = useNetworkMe();
  return (
    <>
      <h1>Réseau des animateurs</h1>
      <QueryState query={me}>
        {(m) => m.staff ? <Network /> : <Alert tone="info"><p>Cet espace est réservé aux animateurs, aux coordonnateurs et à l’équipe nationale.</p></Alert>}
      </QueryState>
    </>
  );
}

function Network() {
  const events = useNetworkEvents(true);
  return (
    <div className="stack">
      <p>Espace privé : seuls les animateur·rices, les coordonnateur·rices et l’équipe nationale y ont accès.</p>
      <section aria-labelledby="net-events" className="stack">
        <h2 id="net-events">Rendez-vous du réseau</h2>
        <QueryState query={events}>
          {(data) => {
            const items = data.pages.flatMap((p) => p.items);
            return items.length === 0 ? <p className="muted">Aucun rendez-vous programmé.</p> : (
              <>{items.map((e) => <EventCard key={e.id} e={e} />)}<LoadMore query={events} /></>
            );
          }}
        </QueryState>
      </section>
      <Practices />
    </div>
  );
}

function EventCard({ e }: { e: NetworkEvent }) {
  const reg = useRegistration();
  return (
    <Card>
      <h3>{e.title}</h3>
      <p className="small muted">{KIND[e.kind]} — {when(e.startsAt)}</p>
      {e.description ? <p>{e.description}</p> : null}
      {e.location ? <p>{e.kind === 'exchange' ? 'Visioconférence' : 'Lieu'} : {e.location}</p> : null}
      <p>{e.registered} inscrit·es{e.me.attended ? ' — vous y étiez' : ''}</p>
      {e.can.register ? (
        <Button variant={e.me.registered ? 'secondary' : 'primary'} small isPending={reg.isPending} onPress={() => reg.mutate({ id: e.id, on: !e.me.registered })}>
          {e.me.registered ? 'Me désinscrire' : 'M’inscrire'}<span className="visually-hidden"> à « {e.title} »</span>
        </Button>
      ) : null}
      {e.me.registered ? <p className="small" role="status">Vous êtes inscrit·e.</p> : null}
      {reg.error ? <Alert tone="error"><p>{reg.error.message}</p></Alert> : null}
    </Card>
  );
}

function Practices() {
  const list = usePractices(true);
  const share = useSharePractice();
  const [f, setF] = useState({ title: '', body: '' });
  const [open, setOpen] = useState<number | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!f.title.trim() || !f.body.trim()) return;
    share.mutate(f, { onSuccess: () => setF({ title: '', body: '' }) });
  };
  return (
    <section aria-labelledby="net-practices" className="stack">
      <h2 id="net-practices">Bonnes pratiques</h2>
      <Card>
        <form className="stack" onSubmit={submit} aria-labelledby="share-title">
          <h3 id="share-title">Partager une pratique</h3>
          <div className="field field--wide"><label className="field__label" htmlFor="pr-title">Titre</label>
            <input id="pr-title" className="input" value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} /></div>
          <div className="field field--wide"><label className="field__label" htmlFor="pr-body">Description (Markdown)</label>
            <textarea id="pr-body" className="input" rows={4} value={f.body} onChange={(e) => setF({ ...f, body: e.target.value })} /></div>
          {share.error ? <Alert tone="error"><p>{share.error.message}</p></Alert> : null}
          <div><Button type="submit" isPending={share.isPending}>Partager</Button></div>
        </form>
      </Card>
      <QueryState query={list}>
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          return items.length === 0 ? <p className="muted">Aucun partage pour l’instant.</p> : (
            <>
              {items.map((p) => (
                <Card key={p.id}>
                  <article>
                    <h3>{p.title}</h3>
                    <p className="small muted">{p.author}, le {formatDate(p.createdAt)}</p>
                    <div dangerouslySetInnerHTML={{ __html: p.bodyHtml }} />
                    <Button variant="ghost" small aria-expanded={open === p.id} onPress={() => setOpen(open === p.id ? null : p.id)}>
                      {p.commentCount} commentaire{p.commentCount > 1 ? 's' : ''}<span className="visually-hidden"> sur « {p.title} »</span>
                    </Button>
                    {open === p.id ? <Comments id={p.id} /> : null}
                  </article>
                </Card>
              ))}
              <LoadMore query={list} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function Comments({ id }: { id: number }) {
  const detail = usePractice(id);
  const comment = useCommentPractice(id);
  const [body, setBody] = useState('');
  return (
    <div className="stack">
      <QueryState query={detail}>
        {(d) => (
          <ul>
            {d.comments.items.map((c) => <li key={c.id}><strong>{c.author}</strong> : <span dangerouslySetInnerHTML={{ __html: c.bodyHtml }} /></li>)}
          </ul>
        )}
      </QueryState>
      <form className="row" onSubmit={(e) => { e.preventDefault(); if (body.trim()) comment.mutate(body, { onSuccess: () => setBody('') }); }}>
        <div className="field field--wide"><label className="field__label" htmlFor={`pc-${id}`}>Votre commentaire</label>
          <textarea id={`pc-${id}`} className="input" rows={2} value={body} onChange={(e) => setBody(e.target.value)} /></div>
        <Button type="submit" small isPending={comment.isPending}>Commenter</Button>
      </form>
      {comment.error ? <Alert tone="error"><p>{comment.error.message}</p></Alert> : null}
    </div>
  );
}
