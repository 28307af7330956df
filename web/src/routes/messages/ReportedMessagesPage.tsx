import { useState } from 'react';
import { Link } from 'react-router';
import { useDecideReport, useReportedMessages, type ReportedMessage } from '../../api/messages';
import { RequireAuth } from '../../components/RequireAuth';
import { formatDateTime, fullName, plural } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, LoadMore, QueryState, Select } from '../../ui';
import { useReasons } from '../moderation/api';

/** The national team's queue of reported private messages: each message alone, never its conversation. */
export default function ReportedMessagesPage() {
  useTitle('Messages privés signalés');
  return (
    <RequireAuth admin>
      <Queue />
    </RequireAuth>
  );
}

function Queue() {
  const queue = useReportedMessages();
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <p className="small"><Link to="/moderation">← File de modération du réseau</Link></p>
      <h1>Messages privés signalés</h1>
      <p className="muted">
        Les messages privés ne sont lus que par leurs participants. Un message signalé vous est montré seul,
        sans le reste de la conversation ; retirer son texte le remplace, pour tous, par une mention de la modération.
      </p>
      <QueryState query={queue} loading="Chargement des signalements…">
        {() => items.length === 0 ? <p role="status">Aucun message signalé en attente.</p> : (
          <>
            <ul className="plain-list stack">{items.map((r) => <ReportCard key={r.message.id} r={r} />)}</ul>
            <LoadMore query={queue} />
          </>
        )}
      </QueryState>
    </>
  );
}

function ReportCard({ r }: { r: ReportedMessage }) {
  const decide = useDecideReport();
  const reasons = useReasons();
  const [reasonCode, setReasonCode] = useState(r.reports[0]?.reasonCode ?? '');
  const titleId = `report-${r.message.id}`;
  return (
    <li>
      <article className="card" aria-labelledby={titleId}>
        <h2 className="card__title" id={titleId}>Message de {fullName(r.author)}, le {formatDateTime(r.message.createdAt)}</h2>
        <blockquote className="pre-line">{r.message.body}</blockquote>
        <p className="small muted">{plural(r.reports.length, 'signalement')}, le premier le {formatDateTime(r.oldestReportAt)}</p>
        <ul className="small">
          {r.reports.map((x) => (
            <li key={x.reporter.id}>{fullName(x.reporter)} : {x.reasonLabel}{x.comment ? ` — « ${x.comment} »` : ''}</li>
          ))}
        </ul>
        {r.can.decide ? (
          <>
            <Select name={`reason-${r.message.id}`} label="Motif de la décision" value={reasonCode} onChange={setReasonCode}
              options={(reasons.data ?? []).map((x) => ({ value: x.code, label: x.label }))} placeholder="Choisir un motif" />
            {decide.error ? <Alert tone="error"><p>{decide.error.message}</p></Alert> : null}
            <div className="form__actions">
              <Button variant="danger" isPending={decide.isPending} isDisabled={!reasonCode}
                onPress={() => decide.mutate({ messageId: r.message.id, action: 'remove', reasonCode })}>Retirer le message</Button>
              <Button variant="secondary" isPending={decide.isPending}
                onPress={() => decide.mutate({ messageId: r.message.id, action: 'keep', ...(reasonCode ? { reasonCode } : {}) })}>Garder le message</Button>
            </div>
          </>
        ) : (
          <p className="small muted">Ce message est le vôtre ou celui d’un membre de l’équipe nationale : une autre personne doit en décider.</p>
        )}
      </article>
    </li>
  );
}
