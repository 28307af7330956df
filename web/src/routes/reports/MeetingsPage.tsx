import { Link, useNavigate, useParams } from 'react-router';
import { REPORT_LIMITS } from '../../../../common/reports';
import { useCommunity, useMembers } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { formatDateTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Badge, Button, Card, check, Form, LoadMore, QueryState, TextField } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { monthLabel } from '../steering/SteeringPage';
import { useMeetings, useScheduleMeeting } from './api';
import { parisMonth } from './format';
import './reports.css';

/** /communautes/:slug/reunions — the review meetings; the coordinator schedules them here. */
export default function MeetingsPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement…">{(c) => <MeetingsView c={c} />}</PageQuery>;
}

/** The quarter before the current one, as the default period to review. */
function previousQuarter(): { from: string; to: string } {
  const [y, m] = parisMonth().split('-').map(Number) as [number, number];
  const startOfThis = Math.floor((m - 1) / 3) * 3; // 0-based month of this quarter's start
  const start = new Date(Date.UTC(y, startOfThis - 3, 1));
  const end = new Date(Date.UTC(y, startOfThis - 1, 1));
  return { from: start.toISOString().slice(0, 7), to: end.toISOString().slice(0, 7) };
}

function MeetingsView({ c }: { c: Community }) {
  const meetings = useMeetings(c.slug);
  useTitle(`Réunions de programmation et d’analyse – ${c.name}`);
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to={`/communautes/${c.slug}`}>{c.name}</Link> ›</p>
          <h1>Réunions de programmation et d’analyse</h1>
        </div>
      </div>
      <CommunityNav c={c} />
      {!c.can.moderate ? (
        <Alert tone="info"><p>Cette page est réservée à l’équipe d’animation et de coordination de l’e-communauté.</p></Alert>
      ) : (
        <div className="stack">
          <p>Au moins une fois par trimestre, la coordination réunit l’équipe d’animation pour analyser la période écoulée et programmer la suivante. Avant la réunion, chaque animateur·rice prépare son rapport d’activité.</p>
          {c.can.appointAnimator ? <ScheduleForm c={c} /> : null}
          <section aria-labelledby="meetings-title">
            <h2 id="meetings-title">Réunions</h2>
            <QueryState query={meetings} loading="Chargement des réunions…">
              {(data) => {
                const items = data.pages.flatMap((p) => p.items);
                if (items.length === 0) return <p className="muted">Aucune réunion programmée pour l’instant.</p>;
                return (
                  <ul className="meeting-list">
                    {items.map((m) => (
                      <li key={m.id}>
                        <Card>
                          <h3 className="card__title"><Link to={`/reunions/${m.id}`}>Réunion du {formatDateTime(m.scheduledAt)}</Link></h3>
                          <p>Période analysée : {monthLabel(m.fromMonth)} – {monthLabel(m.toMonth)} {m.hasMinutes ? <Badge tone="success">compte rendu enregistré</Badge> : null}</p>
                        </Card>
                      </li>
                    ))}
                  </ul>
                );
              }}
            </QueryState>
            <LoadMore query={meetings} label="Réunions plus anciennes" />
          </section>
        </div>
      )}
    </>
  );
}

function ScheduleForm({ c }: { c: Community }) {
  const schedule = useScheduleMeeting(c.slug);
  const navigate = useNavigate();
  const animators = useMembers(c.slug, 'animator');
  const coordinators = useMembers(c.slug, 'coordinator');
  const staff = [...(coordinators.data?.pages.flatMap((p) => p.items) ?? []), ...(animators.data?.pages.flatMap((p) => p.items) ?? [])];
  const period = previousQuarter();
  return (
    <Card as="section">
      <h2 className="card__title" id="schedule-title">Programmer une réunion</h2>
      <Form
        aria-labelledby="schedule-title"
        labels={{ scheduledAt: 'Date et heure', fromMonth: 'Premier mois', toMonth: 'Dernier mois', agenda: 'Ordre du jour' }}
        validate={(v) => {
          const errors = check(v, { scheduledAt: { required: true }, fromMonth: { required: true }, toMonth: { required: true }, agenda: { required: true, max: REPORT_LIMITS.agenda } });
          if (!errors.fromMonth && !errors.toMonth && v.fromMonth! > v.toMonth!) errors.toMonth = 'Le dernier mois doit suivre le premier.';
          return errors;
        }}
        onSubmit={async (v, data) => {
          const meeting = await schedule.mutateAsync({
            scheduledAt: new Date(v.scheduledAt!).toISOString(),
            fromMonth: v.fromMonth!, toMonth: v.toMonth!, agenda: v.agenda!,
            participantIds: data.getAll('participantIds').map(Number),
          });
          void navigate(`/reunions/${meeting.id}`);
        }}
      >
        <div className="row settings-row">
          <div className="field">
            <label className="field__label" htmlFor="meeting-at">Date et heure</label>
            <input id="meeting-at" name="scheduledAt" type="datetime-local" className="input" required />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="meeting-from">Premier mois analysé</label>
            <input id="meeting-from" name="fromMonth" type="month" className="input" defaultValue={period.from} required />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="meeting-to">Dernier mois analysé</label>
            <input id="meeting-to" name="toMonth" type="month" className="input" defaultValue={period.to} required />
          </div>
        </div>
        <TextField name="agenda" label="Ordre du jour" multiline rows={4} maxLength={REPORT_LIMITS.agenda} isRequired />
        <fieldset className="participants">
          <legend>Participant·es</legend>
          {staff.length === 0 ? <p className="muted small">Chargement de l’équipe…</p> : staff.map((m) => (
            <label key={m.user.id}>
              <input type="checkbox" name="participantIds" value={m.user.id} defaultChecked />
              {m.user.firstName} {m.user.lastName} <span className="muted small">({m.role === 'coordinator' ? 'coordination' : 'animation'})</span>
            </label>
          ))}
        </fieldset>
        <div className="form__actions"><Button type="submit" isPending={schedule.isPending}>Programmer la réunion</Button></div>
      </Form>
    </Card>
  );
}
