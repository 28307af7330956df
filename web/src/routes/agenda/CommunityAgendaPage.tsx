import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Card, LoadMore, QueryState, Tabs } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import type { CreateEventInput } from '../../../../common/api/agenda';
import { agendaIcsUrl, useCommunityEvents, useCreateEvent, type AgendaEvent, type When } from './api';
import { EventForm } from './EventForm';
import { EventList } from './EventList';
import { MonthView } from './MonthView';
import './agenda.css';

export default function CommunityAgendaPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement de l’agenda…">{(c) => <AgendaView c={c} />}</PageQuery>;
}

function AgendaView({ c }: { c: Community }) {
  useTitle(`Agenda – ${c.name}`);
  const upcoming = useCommunityEvents(c.slug, 'upcoming');
  const canCreate = upcoming.data?.pages[0]?.can.create ?? false;
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to={`/communautes/${c.slug}`}>{c.name}</Link> ›</p>
          <h1>Agenda</h1>
          <p className="muted small">
            Les rencontres, webinaires et formations de l’e-communauté, en heure de Paris.{' '}
            <a href={agendaIcsUrl(c.slug)}>S’abonner à l’agenda<span className="visually-hidden"> de {c.name}</span> (iCalendar)</a>
          </p>
        </div>
      </div>
      <CommunityNav c={c} />
      {canCreate ? <AddEvent slug={c.slug} /> : null}
      <Tabs
        label="Affichage de l’agenda"
        tabs={[
          { id: 'upcoming', label: 'À venir', content: <EventsList slug={c.slug} when="upcoming" /> },
          { id: 'month', label: 'Vue mensuelle', content: <MonthView slug={c.slug} /> },
          { id: 'past', label: 'Passés', content: <EventsList slug={c.slug} when="past" /> },
        ]}
      />
    </>
  );
}

function EventsList({ slug, when }: { slug: string; when: When }) {
  const query = useCommunityEvents(slug, when);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const title = when === 'upcoming' ? 'Événements à venir' : 'Événements passés';
  return (
    <section aria-label={title} className="stack">
      <h2 className="visually-hidden">{title}</h2>
      <QueryState query={query} loading="Chargement des événements…">
        {() => items.length === 0
          ? <p className="muted">{when === 'upcoming' ? 'Aucun événement à venir pour le moment.' : 'Aucun événement passé.'}</p>
          : <><EventList events={items} /><LoadMore query={query} label="Afficher plus d’événements" /></>}
      </QueryState>
    </section>
  );
}

function AddEvent({ slug }: { slug: string }) {
  const create = useCreateEvent(slug);
  const [created, setCreated] = useState<AgendaEvent | null>(null);
  const [open, setOpen] = useState(false);
  // Focus follows the change: into the form when it opens, back to the button or the confirmation when it closes.
  const opener = useRef<HTMLDivElement>(null);
  const confirmation = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) (confirmation.current ?? opener.current?.querySelector('button'))?.focus();
    wasOpen.current = open;
  }, [open]);
  if (!open) {
    return (
      <div className="stack agenda__add">
        {created ? (
          <Alert ref={confirmation} tone="success">
            <p>L’événement « {created.title} » est dans l’agenda. <Link to={`/publications/${created.postId}`}>Voir l’événement</Link></p>
          </Alert>
        ) : null}
        <div ref={opener}><Button onPress={() => { setCreated(null); setOpen(true); }}>Ajouter un événement</Button></div>
      </div>
    );
  }
  return (
    <Card as="section" className="publish agenda__add">
      <h2 id="add-event-title" className="card__title">Ajouter un événement</h2>
      <EventForm
        labelledBy="add-event-title"
        submitLabel="Ajouter à l’agenda"
        isPending={create.isPending}
        autoFocus
        onSubmit={async (input) => {
          // The form asks for the title and the body when it adds an event.
          setCreated(await create.mutateAsync(input as CreateEventInput));
          setOpen(false);
        }}
      />
      <Button variant="ghost" small onPress={() => setOpen(false)}>Fermer le formulaire</Button>
    </Card>
  );
}
