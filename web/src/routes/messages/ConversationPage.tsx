import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { api, qs } from '../../api/client';
import { useConversation, useMarkConversationRead, useReportMessage, useSendMessage, type Conversation, type Message } from '../../api/messages';
import { useCurrentUser } from '../../api/session';
import type { Page } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { RequireAuth } from '../../components/RequireAuth';
import { formatDateTime, fullName } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Form, FormDialog, Select, MarkdownEditor, TextField, check } from '../../ui';
import { useReasons } from '../moderation/api';
import { NotFound } from '../not-found/NotFoundPage';
import { conversationName } from './InboxPage';
import { ParticipantsDialog } from './ParticipantsDialog';
import './messages.css';
import { DraftStatus } from '../../components/drafts/DraftStatus';
import { useDraft } from '../../components/drafts/useDraft';

export default function ConversationPage() {
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  return (
    <RequireAuth>
      <ConversationQuery id={id} />
    </RequireAuth>
  );
}

function ConversationQuery({ id }: { id: number }) {
  const conversation = useConversation(id);
  return <PageQuery query={conversation} loading="Ouverture de la conversation…">{(c) => <ConversationView c={c} />}</PageQuery>;
}

function ConversationView({ c }: { c: Conversation }) {
  const me = useCurrentUser();
  const name = conversationName({ title: c.title, participants: c.participants.filter((p) => p.id !== me?.id) });
  useTitle(name);
  const markRead = useMarkConversationRead(c.id);
  const { mutate: read } = markRead;
  // Opening the page reads what it shows; a message arriving live while it is open is read too.
  const newestId = c.messages[0]?.id;
  useEffect(() => {
    if (c.unreadCount > 0) read();
  }, [c.unreadCount, newestId, read]);
  const [older, setOlder] = useState<{ items: Message[]; cursor: string | null; loading: boolean }>({ items: [], cursor: c.nextCursor, loading: false });
  const loadOlder = async () => {
    setOlder((o) => ({ ...o, loading: true }));
    const page = await api.get<Page<Message>>(`/conversations/${c.id}/messages${qs({ cursor: older.cursor })}`);
    setOlder((o) => ({ items: [...o.items, ...page.items], cursor: page.nextCursor, loading: false }));
  };
  const names = new Map(c.participants.map((p) => [p.id, p.id === me?.id ? 'Vous' : fullName(p)]));
  // The API pages newest first; a conversation reads oldest first.
  const shown = [...c.messages, ...older.items].reverse();
  return (
    <div className="narrow stack">
      <div>
        <p className="small"><Link to="/messages">← Tous mes messages</Link></p>
        <h1>{name}</h1>
        <p className="muted small">
          {c.kind === 'group' ? 'Conversation de groupe' : 'Conversation privée'} entre {c.participants.map((p) => (p.id === me?.id ? 'vous' : fullName(p))).join(', ')}.
          Seuls les participants la lisent.
        </p>
        <ParticipantsDialog c={c} />
      </div>
      {older.cursor ? (
        <div><Button variant="secondary" small isPending={older.loading} onPress={() => void loadOlder()}>Messages plus anciens</Button></div>
      ) : null}
      <div role="log" aria-label="Messages">
      <ol className="messages">
        {shown.map((m) => m.kind === 'system' ? (
          <li key={m.id} className="messages__system small">
            {m.body} · <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
          </li>
        ) : (
          <li key={m.id} className={`messages__item${m.authorId === me?.id ? ' messages__item--mine' : ''}`}>
            <p className="messages__meta small">
              <strong>{names.get(m.authorId) ?? 'Ancien participant'}</strong> · <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
            </p>
            {m.removed ? <p className="muted"><em>Message retiré par l’équipe nationale.</em></p> : <p className="pre-line messages__body">{m.body}</p>}
            {m.authorId !== me?.id && !m.removed ? <ReportButton message={m} author={names.get(m.authorId) ?? ''} /> : null}
          </li>
        ))}
      </ol>
      </div>
      {c.can.send ? <Composer id={c.id} /> : (
        <Alert tone="warning"><p>Un participant ne souhaite plus recevoir vos messages : vous ne pouvez plus écrire dans cette conversation.</p></Alert>
      )}
    </div>
  );
}

function Composer({ id }: { id: number }) {
  const send = useSendMessage(id);
  const draft = useDraft(`message:${id}`);
  return (
    <Form
      labels={{ body: 'Votre message' }}
      validate={(v) => check(v, { body: { required: true, max: LIMITS.messageBody } })}
      onSubmit={async (v, _d, form) => {
        await send.mutateAsync(v.body!.trim());
        await draft.discard();
        form.reset();
      }}
    >
      <MarkdownEditor
        key={draft.fieldKey} defaultValue={draft.initial?.body} onChange={draft.save}
        name="body" label="Votre message" rows={3} isRequired maxLength={LIMITS.messageBody}
      />
      <DraftStatus draft={draft} />
      <div className="form__actions">
        <Button type="submit" isPending={send.isPending}>Envoyer</Button>
      </div>
    </Form>
  );
}

/** Reporting sends this message, and only it, to the national team. */
function ReportButton({ message, author }: { message: Message; author: string }) {
  const report = useReportMessage();
  const reasons = useReasons();
  const [done, setDone] = useState(false);
  if (done) return <p className="small muted" role="status">Message signalé à l’équipe nationale.</p>;
  return (
    <FormDialog
      triggerLabel="Signaler"
      triggerAriaLabel={`Signaler le message de ${author}`}
      triggerVariant="ghost"
      small
      title="Signaler ce message"
      intro={<p>L’équipe nationale verra ce message seul, jamais le reste de la conversation.</p>}
      labels={{ reasonCode: 'Motif', comment: 'Précisions' }}
      validate={(v) => check(v, { reasonCode: { required: true }, comment: { max: LIMITS.messageReportComment } })}
      onSubmit={async (v) => {
        await report.mutateAsync({ messageId: message.id, reasonCode: v.reasonCode!, comment: v.comment?.trim() ?? '' });
        setDone(true);
      }}
      submitLabel="Signaler"
      submitVariant="danger"
      isPending={report.isPending}
    >
      <Select name="reasonCode" label="Motif" isRequired placeholder="Choisir un motif" options={(reasons.data ?? []).map((r) => ({ value: r.code, label: r.label }))} />
      <TextField name="comment" label="Précisions" description="Facultatif." multiline rows={3} maxLength={LIMITS.messageReportComment} />
    </FormDialog>
  );
}
