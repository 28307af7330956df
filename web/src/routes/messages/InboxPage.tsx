import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { useInbox, useStartConversation, type ConversationSummary, type Person } from '../../api/messages';
import { RequireAuth } from '../../components/RequireAuth';
import { UserPicker } from '../../components/UserPicker';
import { formatDateTime, fullName, plural } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Badge, Button, Card, Form, LoadMore, QueryState, MarkdownEditor, TextField, check } from '../../ui';
import './messages.css';

export default function InboxPage() {
  useTitle('Messages privés');
  return (
    <RequireAuth>
      <Inbox />
    </RequireAuth>
  );
}

/** How a conversation is named in lists: its title, else the other people. */
export function conversationName(c: { title: string; participants: Person[] }): string {
  return c.title || c.participants.map(fullName).join(', ') || 'Conversation';
}

function Inbox() {
  const inbox = useInbox();
  const [composing, setComposing] = useState(false);
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <div className="page-head">
        <h1>Messages privés</h1>
        {composing ? null : <Button onPress={() => setComposing(true)}>Nouvelle conversation de groupe</Button>}
      </div>
      <p className="muted">
        Vos échanges ne sont lus que par leurs participants. Pour écrire à une seule personne, ouvrez sa page depuis
        l’<Link to="/membres">annuaire des membres</Link>.
      </p>
      {composing ? <NewGroup onCancel={() => setComposing(false)} /> : null}
      <QueryState query={inbox} loading="Chargement de vos conversations…">
        {() => items.length === 0 ? <p>Vous n’avez encore aucune conversation.</p> : (
          <>
            <ul className="inbox" aria-label="Conversations">
              {items.map((c) => <InboxItem key={c.id} c={c} />)}
            </ul>
            <LoadMore query={inbox} label="Conversations plus anciennes" />
          </>
        )}
      </QueryState>
    </>
  );
}

function InboxItem({ c }: { c: ConversationSummary }) {
  const name = conversationName(c);
  return (
    <li className={`card inbox__item${c.unreadCount > 0 ? ' inbox__item--unread' : ''}`}>
      <Link to={`/messages/${c.id}`} className="inbox__link">
        {name}
        {c.unreadCount > 0 ? <span className="visually-hidden"> ({plural(c.unreadCount, 'message non lu', 'messages non lus')})</span> : null}
      </Link>
      {c.unreadCount > 0 ? <Badge tone="info">{plural(c.unreadCount, 'non lu', 'non lus')}</Badge> : null}
      {c.kind === 'group' ? <span className="small muted"> · Groupe de {c.participants.length + 1}</span> : null}
      {c.lastMessage ? (
        <p className="inbox__excerpt muted small">
          {c.lastMessage.excerpt || <em>Message retiré par la modération</em>} · {formatDateTime(c.lastMessage.createdAt)}
        </p>
      ) : null}
    </li>
  );
}

function NewGroup({ onCancel }: { onCancel: () => void }) {
  const [people, setPeople] = useState<Person[]>([]);
  const start = useStartConversation();
  const navigate = useNavigate();
  const full = people.length + 1 >= LIMITS.conversationMembersMax;
  return (
    <Card as="section">
      <h2 className="card__title">Nouvelle conversation de groupe</h2>
      <p className="small muted">Jusqu’à {LIMITS.conversationMembersMax} personnes, vous comprise.</p>
      {people.length > 0 ? (
        <ul className="plain-list row" aria-label="Participants choisis">
          {people.map((p) => (
            <li key={p.id} className="chip">
              {fullName(p)}{' '}
              <Button variant="ghost" small aria-label={`Retirer ${fullName(p)}`} onPress={() => setPeople(people.filter((x) => x.id !== p.id))}>✕</Button>
            </li>
          ))}
        </ul>
      ) : null}
      {full ? <Alert tone="info"><p>Le groupe est complet.</p></Alert> : (
        <UserPicker label="Ajouter un participant" actionLabel="Ajouter" onPick={async (u) => {
          if (!people.some((p) => p.id === u.id)) setPeople([...people, u]);
          return true;
        }} />
      )}
      <Form
        labels={{ title: 'Titre de la conversation', body: 'Premier message' }}
        validate={(v) => {
          const errors = check(v, { title: { max: LIMITS.conversationTitle }, body: { required: true, max: LIMITS.messageBody } });
          if (people.length === 0) errors.title ??= 'Ajoutez au moins un participant.';
          return errors;
        }}
        onSubmit={async (v) => {
          const out = await start.mutateAsync({ memberIds: people.map((p) => p.id), title: v.title?.trim(), body: v.body!.trim() });
          navigate(`/messages/${out.conversationId}`);
        }}
      >
        <TextField name="title" label="Titre de la conversation" description="Facultatif, par exemple « Groupe mobilités douces »." maxLength={LIMITS.conversationTitle} />
        <MarkdownEditor name="body" label="Premier message" rows={4} isRequired maxLength={LIMITS.messageBody} />
        <div className="form__actions">
          <Button type="submit" isPending={start.isPending}>Créer et envoyer</Button>
          <Button variant="secondary" onPress={onCancel}>Annuler</Button>
        </div>
      </Form>
    </Card>
  );
}
