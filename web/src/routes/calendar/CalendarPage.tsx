import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, QueryState } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { useCalendar, type PlannedPost } from './api';
import { CalendarGrid, type Occurrence } from './CalendarGrid';
import { addDays, firstOfMonth, lastOfMonth, longDay, mondayOf, monthLabel, today } from './dates';
import { PlanForm, type PlanDefaults } from './PlanForm';
import { SlotsPanel } from './SlotsPanel';
import { DutyPanel } from './DutyPanel';
import './calendar.css';

export default function CalendarPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement du calendrier…">{(c) => <CalendarView c={c} />}</PageQuery>;
}

type View = 'month' | 'week';

function CalendarView({ c }: { c: Community }) {
  useTitle(`Calendrier éditorial – ${c.name}`);
  const [view, setView] = useState<View>('month');
  const [anchor, setAnchor] = useState(today());
  const [form, setForm] = useState<{ editing: PlannedPost | null; defaults: PlanDefaults } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  const first = view === 'month' ? mondayOf(firstOfMonth(anchor)) : mondayOf(anchor);
  const last = view === 'month' ? addDays(mondayOf(lastOfMonth(anchor)), 6) : addDays(first, 6);
  const weeks: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 7)) weeks.push(d);
  const calendar = useCalendar(c.slug, first, last);
  const period = view === 'month' ? capitalize(monthLabel(anchor)) : `Semaine du ${longDay(first)}`;

  const openForm = (editing: PlannedPost | null, defaults: PlanDefaults = {}) => {
    setMessage(null);
    setForm({ editing, defaults });
    requestAnimationFrame(() => {
      formRef.current?.scrollIntoView({ block: 'start' });
      formRef.current?.querySelector<HTMLElement>('h2')?.focus();
    });
  };
  const move = (delta: number) => setAnchor((a) => view === 'month'
    ? firstOfMonth(addDays(firstOfMonth(a), delta < 0 ? -1 : 32))
    : addDays(a, delta * 7));

  if (!c.can.moderate) {
    return (
      <Alert tone="error" title="Accès réservé">
        <p>Le calendrier éditorial est réservé à l’équipe d’animation de l’e-communauté.</p>
      </Alert>
    );
  }
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to={`/communautes/${c.slug}`}>{c.name}</Link> ›</p>
          <h1>Calendrier éditorial</h1>
          <p className="muted small">Publications planifiées, rendez-vous réguliers, publications en ligne et événements, en heure de Paris.</p>
        </div>
        <div className="row">
          <Button onPress={() => openForm(null)}>Planifier une publication</Button>
        </div>
      </div>
      <CommunityNav c={c} />
      <div role="status" aria-live="polite">{message ? <Alert tone="success"><p>{message}</p></Alert> : null}</div>
      <div ref={formRef}>
        {form ? (
          <PlanForm slug={c.slug} editing={form.editing} defaults={form.defaults}
            onDone={(m) => { setForm(null); setMessage(m); }} onClose={() => setForm(null)} />
        ) : null}
      </div>
      <section aria-labelledby="cal-period" className="stack">
        <div className="cal-toolbar">
          <h2 id="cal-period" aria-live="polite">{period}</h2>
          <div className="row">
            <Button small variant="secondary" onPress={() => move(-1)}>← {view === 'month' ? 'Mois' : 'Semaine'} précédent{view === 'week' ? 'e' : ''}</Button>
            <Button small variant="secondary" onPress={() => setAnchor(today())}>Aujourd’hui</Button>
            <Button small variant="secondary" onPress={() => move(1)}>{view === 'month' ? 'Mois' : 'Semaine'} suivant{view === 'week' ? 'e' : ''} →</Button>
            <div role="group" aria-label="Affichage" className="row">
              <Button small variant={view === 'month' ? 'primary' : 'ghost'} aria-pressed={view === 'month'} onPress={() => setView('month')}>Mois</Button>
              <Button small variant={view === 'week' ? 'primary' : 'ghost'} aria-pressed={view === 'week'} onPress={() => setView('week')}>Semaine</Button>
            </div>
          </div>
        </div>
        <QueryState query={calendar} loading="Chargement du calendrier…">
          {(data) => (
            <CalendarGrid
              weeks={weeks}
              month={view === 'month' ? anchor.slice(0, 7) : undefined}
              data={data}
              caption={`Calendrier éditorial, ${period}`}
              onEdit={(p) => openForm(p)}
              onPlanOccurrence={(o: Occurrence) => openForm(null, { title: o.label, kind: o.kind, date: o.atLocal.slice(0, 10), time: o.atLocal.slice(11), slotId: o.slotId })}
            />
          )}
        </QueryState>
      </section>
      <div className="cal-slots"><DutyPanel slug={c.slug} weeks={weeks} /></div>
      {calendar.data ? <div className="cal-slots"><SlotsPanel slug={c.slug} slots={calendar.data.slots} onMessage={setMessage} /></div> : null}
    </>
  );
}

function capitalize(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
