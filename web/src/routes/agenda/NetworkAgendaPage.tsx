import { useTitle } from '../../lib/useTitle';
import { LoadMore, QueryState, Tabs } from '../../ui';
import { useNetworkEvents, type When } from './api';
import { EventList } from './EventList';
import './agenda.css';

/** Every e-community's events in one list, the next ones first. */
export default function NetworkAgendaPage() {
  useTitle('Agenda du réseau');
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Agenda du réseau</h1>
          <p className="lead">Les événements de toutes les e-communautés ouvertes, en heure de Paris.</p>
        </div>
      </div>
      <Tabs
        label="Période"
        tabs={[
          { id: 'upcoming', label: 'À venir', content: <NetworkList when="upcoming" /> },
          { id: 'past', label: 'Passés', content: <NetworkList when="past" /> },
        ]}
      />
    </>
  );
}

function NetworkList({ when }: { when: When }) {
  const query = useNetworkEvents(when);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const title = when === 'upcoming' ? 'Événements à venir' : 'Événements passés';
  return (
    <section aria-label={title}>
      <h2 className="visually-hidden">{title}</h2>
      <QueryState query={query} loading="Chargement de l’agenda…">
        {() => items.length === 0
          ? <p className="muted">{when === 'upcoming' ? 'Aucun événement à venir dans le réseau.' : 'Aucun événement passé.'}</p>
          : <><EventList events={items} showCommunity /><LoadMore query={query} label="Afficher plus d’événements" /></>}
      </QueryState>
    </section>
  );
}
