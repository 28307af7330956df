import { useState } from 'react';
import { ApiError } from '../../api/client';
import { Alert, Button, Spinner } from '../../ui';
import { eventIcsUrl, useEvent, useUpdateEvent, type AgendaEvent } from './api';
import { formatWhen } from './dates';
import { EventForm } from './EventForm';
import './agenda.css';

/** The event part of a post page: when, where, links, "Ajouter à mon agenda", and editing for staff. */
export default function EventDetails({ postId }: { postId: number }) {
  const event = useEvent(postId);
  // A post marked as an event without its dates (imported data) shows as a plain post.
  if (event.error instanceof ApiError && event.error.status === 404) return null;
  if (event.error) return <Alert tone="error"><p>{event.error.message}</p></Alert>;
  if (!event.data) return <Spinner label="Chargement de l’événement…" />;
  return <Details event={event.data} />;
}

function Details({ event }: { event: AgendaEvent }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const update = useUpdateEvent(event.postId);
  return (
    <section className="event-details" aria-labelledby="event-details-title">
      <h2 id="event-details-title" className="visually-hidden">L’événement</h2>
      {saved && !editing ? <Alert tone="success"><p>L’événement a été modifié.</p></Alert> : null}
      {editing ? (
        <>
          <h3 id="event-edit-title">Modifier l’événement</h3>
          <EventForm
            event={event}
            labelledBy="event-edit-title"
            submitLabel="Enregistrer l’événement"
            isPending={update.isPending}
            onSubmit={async (input) => {
              await update.mutateAsync(input);
              setEditing(false);
              setSaved(true);
            }}
          />
          <Button variant="ghost" small onPress={() => setEditing(false)}>Annuler</Button>
        </>
      ) : (
        <>
          <dl>
            <dt>Quand</dt>
            <dd><time dateTime={event.startsAt}>{formatWhen(event)}</time> <span className="muted small">(heure de Paris)</span></dd>
            {event.place ? <><dt>Lieu</dt><dd>{event.place}</dd></> : null}
            {event.onlineUrl ? (
              <><dt>En ligne</dt><dd><a href={event.onlineUrl} rel="noopener noreferrer nofollow" target="_blank">Rejoindre la réunion en ligne<span className="visually-hidden"> (nouvelle fenêtre)</span></a></dd></>
            ) : null}
            {event.organiser ? <><dt>Organisé par</dt><dd>{event.organiser}</dd></> : null}
          </dl>
          <div className="row">
            {event.registrationUrl ? (
              <a className="btn" href={event.registrationUrl} rel="noopener noreferrer nofollow" target="_blank">
                S’inscrire<span className="visually-hidden"> à « {event.title} » (nouvelle fenêtre)</span>
              </a>
            ) : null}
            <a className="btn btn--secondary" href={eventIcsUrl(event.postId)} download={`evenement-${event.postId}.ics`}>
              Ajouter à mon agenda<span className="visually-hidden"> (fichier .ics)</span>
            </a>
            {event.can.edit ? <Button variant="secondary" onPress={() => { setSaved(false); setEditing(true); }}>Modifier l’événement</Button> : null}
          </div>
        </>
      )}
    </section>
  );
}
