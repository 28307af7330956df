import { useCurrentUser } from '../../api/session';
import { PrivateFeed } from '../../components/PrivateFeed';
import { useTitle } from '../../lib/useTitle';
import { LoadMore, QueryState, Tabs } from '../../ui';
import { networkIcsUrl, useNetworkEvents, type When } from './api';
import { EventList } from './EventList';
import './agenda.css';

/** Every e-community's events in one list, the next ones first. */
export default function NetworkAgendaPage() {
  useTitle('Agenda du réseau');
  const user = useCurrentUser();
  // Calendar applications open webcal: addresses as a subscription rather than a one-off import.
  const webcal = `webcal://${window.location.host}${networkIcsUrl}`;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Agenda du réseau</h1>
          <p className="lead">Les événements de toutes les e-communautés ouvertes, en heure de Paris.</p>
        </div>
      </div>
      <section aria-labelledby="subscribe-title" className="stack agenda-subscribe">
        <h2 id="subscribe-title">S’abonner</h2>
        <p className="row">
          <a className="btn btn--secondary btn--small" href={webcal}>S’abonner à l’agenda du réseau<span className="visually-hidden"> dans mon application d’agenda</span></a>
          <a href={networkIcsUrl}>Adresse iCalendar de l’agenda du réseau (.ics)</a>
        </p>
      </section>
      {user ? <PrivateFeed kind="agenda" headingId="my-agenda-title" title="Mon agenda : les événements de mes e-communautés" /> : null}
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
