import { useState, type FormEvent } from 'react';
import { ERRORS } from '../../../../common/errors';
import { networkEventDatesError } from '../../../../common/network-events';
import { parisLocalToUtc } from '../../../../common/time';
import { formatDateTimeFull } from '../../lib/format';
import { Alert, Button, Card, LoadMore, QueryState } from '../../ui';
import { KIND, useAttendance, useCreateEvent, useNetworkEvents, useRegistrations, type NetworkEvent } from '../network/api';

const when = formatDateTimeFull;

/** The national team schedules the network's events and records who came. */
export function EventsAdmin() {
  const events = useNetworkEvents(true);
  return (
    <div className="stack">
      <h2>Réseau des animateurs</h2>
      <p>Une séance d’échange d’une heure à distance par mois au plus, et le rassemblement annuel. Les animateur·rices et coordonnateur·rices s’y inscrivent depuis la page <a href="/reseau-animateurs">Réseau des animateurs</a>.</p>
      <NewEvent />
      <h3>Rendez-vous programmés</h3>
      <QueryState query={events}>
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          return items.length === 0 ? <p className="muted">Aucun rendez-vous pour l’instant.</p> : (
            <>
              {items.map((e) => <EventAdminCard key={e.id} e={e} />)}
              <LoadMore query={events} />
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

function NewEvent() {
  const create = useCreateEvent();
  const [kind, setKind] = useState<'exchange' | 'gathering'>('exchange');
  const [f, setF] = useState({ title: '', description: '', location: '', start: '', end: '' });
  const [done, setDone] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    setInvalid(null);
    // The fields hold Paris wall clocks, whatever the zone of the browser.
    const startsAt = parisLocalToUtc(f.start);
    if (!f.title.trim() || !startsAt) return;
    const endsAt = kind === 'exchange' ? new Date(startsAt.getTime() + 3_600_000) : parisLocalToUtc(f.end);
    if (!endsAt) return;
    const outOfWindow = networkEventDatesError(startsAt, endsAt);
    if (outOfWindow) {
      setInvalid(ERRORS[outOfWindow].message);
      return;
    }
    create.mutate(
      { kind, title: f.title, description: f.description, location: f.location, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
      { onSuccess: (ev) => { setDone(`« ${ev.title} » est programmé.`); setF({ title: '', description: '', location: '', start: '', end: '' }); } },
    );
  };
  return (
    <Card>
      <form className="stack" onSubmit={submit} aria-labelledby="new-event-title">
        <h3 id="new-event-title">Programmer un rendez-vous</h3>
        <fieldset className="stack">
          <legend>Type</legend>
          {(['exchange', 'gathering'] as const).map((k) => (
            <label key={k} className="row"><input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {KIND[k]}</label>
          ))}
        </fieldset>
        <div className="field field--wide">
          <label className="field__label" htmlFor="ev-title">Titre</label>
          <input id="ev-title" className="input" required value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} />
        </div>
        <div className="field field--wide">
          <label className="field__label" htmlFor="ev-desc">Programme</label>
          <textarea id="ev-desc" className="input" rows={3} value={f.description} onChange={(e) => setF({ ...f, description: e.target.value })} />
        </div>
        <div className="field field--wide">
          <label className="field__label" htmlFor="ev-loc">{kind === 'exchange' ? 'Lien de la visioconférence' : 'Lieu'}</label>
          <input id="ev-loc" className="input" value={f.location} onChange={(e) => setF({ ...f, location: e.target.value })} />
        </div>
        <div className="row">
          <div className="field">
            <label className="field__label" htmlFor="ev-start">Début</label>
            <span id="ev-when-help" className="field__description">Heure de Paris.</span>
            <input id="ev-start" type="datetime-local" className="input" required value={f.start} onChange={(e) => setF({ ...f, start: e.target.value })}
              aria-describedby="ev-when-help" aria-invalid={invalid ? true : undefined} />
          </div>
          {kind === 'gathering' ? (
            <div className="field">
              <label className="field__label" htmlFor="ev-end">Fin</label>
              <input id="ev-end" type="datetime-local" className="input" required value={f.end} onChange={(e) => setF({ ...f, end: e.target.value })} />
            </div>
          ) : <p className="muted">La séance dure une heure.</p>}
        </div>
        {invalid ? <Alert tone="error"><p>{invalid}</p></Alert> : null}
        {create.error ? <Alert tone="error"><p>{create.error.message}</p></Alert> : null}
        {done ? <Alert tone="success"><p>{done}</p></Alert> : null}
        <div><Button type="submit" isPending={create.isPending}>Programmer</Button></div>
      </form>
    </Card>
  );
}

function EventAdminCard({ e }: { e: NetworkEvent }) {
  const [open, setOpen] = useState(false);
  const regs = useRegistrations(e.id, open);
  const attendance = useAttendance(e.id);
  return (
    <Card>
      <h4>{e.title}</h4>
      <p className="small muted">{KIND[e.kind]} — {when(e.startsAt)}</p>
      <p>{e.registered} inscrit·es, {e.attended} présent·es.</p>
      <Button variant="secondary" small onPress={() => setOpen(!open)} aria-expanded={open}>{open ? 'Masquer les inscrit·es' : 'Inscrit·es et présence'}</Button>
      {open ? (
        <QueryState query={regs}>
          {(list) => list.length === 0 ? <p className="muted">Personne n’est inscrit.</p> : (
            <fieldset>
              <legend>Présence</legend>
              {list.map((r) => (
                <label key={r.userId} className="row">
                  <input type="checkbox" checked={r.attended === true} disabled={attendance.isPending}
                    onChange={(ev) => attendance.mutate([{ userId: r.userId, attended: ev.target.checked }])} />
                  {r.name} était présent·e
                </label>
              ))}
            </fieldset>
          )}
        </QueryState>
      ) : null}
      {attendance.error ? <Alert tone="error"><p>{attendance.error.message}</p></Alert> : null}
    </Card>
  );
}
