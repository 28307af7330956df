import { Link, useNavigate, useParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { formatDateTime, monthLabel } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Badge, Card, LoadMore, QueryState } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { useMeetings, useScheduleMeeting } from './api';
import { MeetingForm } from './MeetingForm';
import './reports.css';

/** /communautes/:slug/reunions — the review meetings; the coordinator schedules them here. */
export default function MeetingsPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement…">{(c) => <MeetingsView c={c} />}</PageQuery>;
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
                          <p>Période analysée : {monthLabel(m.fromMonth)} – {monthLabel(m.toMonth)} {m.hasMinutes ? <Badge tone="success">compte rendu enregistré</Badge> : null}</p>
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
  return (
    <Card as="section">
      <h2 className="card__title" id="schedule-title">Programmer une réunion</h2>
      <MeetingForm
        slug={c.slug} labelledBy="schedule-title" submitLabel="Programmer la réunion" isPending={schedule.isPending}
        onSubmit={async (input) => {
          const meeting = await schedule.mutateAsync(input);
          void navigate(`/reunions/${meeting.id}`);
        }}
      />
    </Card>
  );
}
