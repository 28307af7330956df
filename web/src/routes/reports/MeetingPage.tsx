import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { REPORT_LIMITS, REVIEW_STATUSES } from '../../../../common/reports';
import { type ApiError } from '../../api/client';
import { PageQuery } from '../../components/PageQuery';
import { formatDateTime, monthLabel } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Badge, Button, Card, Checkbox, Form, TextField } from '../../ui';
import { useMeeting, useMeetingWrites, type Meeting } from './api';
import { MeetingForm } from './MeetingForm';
import './reports.css';

/** /reunions/:id — one review meeting: agenda, participants, the activity reports, then minutes and decisions. */
export default function MeetingPage() {
  const id = Number(useParams().id);
  const meeting = useMeeting(id);
  return <PageQuery query={meeting} loading="Chargement de la réunion…">{(m) => <MeetingView m={m} />}</PageQuery>;
}

function MeetingView({ m }: { m: Meeting }) {
  const writes = useMeetingWrites(m.id);
  const navigate = useNavigate();
  const when = formatDateTime(m.scheduledAt);
  useTitle(`Réunion du ${when} – ${m.community.name}`);
  const start = async () => {
    try {
      const report = await writes.startReport.mutateAsync();
      void navigate(`/rapports/${report.id}`);
    } catch {
      // the mutation's error is shown below
    }
  };
  return (
    <div className="stack">
      <div>
        <p className="small muted"><Link to={`/communautes/${m.community.slug}`}>{m.community.name}</Link> › <Link to={`/communautes/${m.community.slug}/reunions`}>Réunions</Link> ›</p>
        <h1>Réunion de programmation et d’analyse du {when}</h1>
        <p>Période analysée : {monthLabel(m.fromMonth)} – {monthLabel(m.toMonth)}{m.createdBy ? ` · programmée par ${m.createdBy.name}` : ''}</p>
      </div>
      <Card as="section">
        <h2 className="card__title">Ordre du jour</h2>
        <p className="report-text">{m.agenda}</p>
        <h3 className="report-subtitle">Participant·es</h3>
        {m.participants.length === 0 ? <p className="muted">Aucun·e participant·e désigné·e.</p> : (
          <ul>{m.participants.map((p) => <li key={p.id}>{p.name}</li>)}</ul>
        )}
      </Card>
      {m.can.edit ? <EditMeeting m={m} /> : null}
      <Card as="section">
        <h2 className="card__title">Rapports d’activité</h2>
        {m.myReportId ? (
          <p><Link to={`/rapports/${m.myReportId}`}>Ouvrir mon rapport d’activité</Link></p>
        ) : m.can.writeReport ? (
          <>
            <p>Préparez votre rapport avant la réunion : les chiffres de la période sont remplis depuis les données, vous rédigez le reste.</p>
            {writes.startReport.error ? <Alert tone="error"><p>{(writes.startReport.error as ApiError).message}</p></Alert> : null}
            <Button onPress={() => void start()} isPending={writes.startReport.isPending}>Préparer mon rapport d’activité</Button>
          </>
        ) : null}
        {m.can.edit ? (
          m.reports.length === 0 ? <p className="muted">Aucun rapport commencé pour l’instant.</p> : (
            <ul aria-label="Rapports de l’équipe">
              {m.reports.map((r) => (
                <li key={r.id}>
                  <Link to={`/rapports/${r.id}`}>Rapport de {r.author.name}</Link>{' '}
                  {r.status === 'submitted'
                    ? <Badge tone="success">transmis le {formatDateTime(r.submittedAt!)}</Badge>
                    : <Badge tone="neutral">brouillon</Badge>}
                  {r.status === 'draft' && r.reviewStatus ? <> <Badge tone={r.reviewStatus === 'ready' ? 'success' : 'warning'}>relecture : {REVIEW_STATUSES[r.reviewStatus]}</Badge></> : null}
                  {r.commented ? <> <Badge tone="info">commenté</Badge></> : null}
                </li>
              ))}
            </ul>
          )
        ) : null}
      </Card>
      <Minutes m={m} />
    </div>
  );
}

function EditMeeting({ m }: { m: Meeting }) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  const writes = useMeetingWrites(m.id);
  return (
    <div>
      <Button variant="secondary" aria-expanded={open} aria-controls={open ? 'meeting-edit' : undefined} onPress={() => { setOpen(!open); setSaved(false); }}>
        {open ? 'Fermer la modification' : 'Modifier la date, la période, l’ordre du jour ou les participant·es'}
      </Button>
      {saved ? <Alert tone="success"><p>Réunion modifiée.</p></Alert> : null}
      {open ? (
        <Card as="section">
          <div id="meeting-edit">
            <h2 className="card__title" id="meeting-edit-title">Modifier la réunion</h2>
            <MeetingForm
              slug={m.community.slug} meeting={m} labelledBy="meeting-edit-title" submitLabel="Enregistrer les modifications" isPending={writes.update.isPending}
              onSubmit={async (input) => { await writes.update.mutateAsync(input); setOpen(false); setSaved(true); }}
            />
          </div>
        </Card>
      ) : null}
    </div>
  );
}

/**
 * The coordination prepares the minutes as a draft at any time (only it reads them) and finalises them once the
 * meeting has started; the team reads them once final.
 */
function Minutes({ m }: { m: Meeting }) {
  const writes = useMeetingWrites(m.id);
  if (!m.can.recordMinutes && !m.minutesAt) return null;
  const saved = writes.minutes.data;
  return (
    <Card as="section">
      <h2 className="card__title" id="minutes-title">Compte rendu et décisions</h2>
      {m.minutesAt ? (
        <p className="small muted">
          {m.minutesDraft ? <><Badge tone="neutral">brouillon</Badge> </> : null}
          Enregistré{m.minutesBy ? ` par ${m.minutesBy.name}` : ''} le {formatDateTime(m.minutesAt)}.
        </p>
      ) : null}
      {m.can.recordMinutes ? (
        <Form
          aria-labelledby="minutes-title"
          labels={{ minutes: 'Compte rendu', decisions: 'Décisions' }}
          onSubmit={async (v) => { await writes.minutes.mutateAsync({ minutes: v.minutes ?? '', decisions: v.decisions ?? '', final: v.final === 'true' }); }}
        >
          {m.can.finalizeMinutes ? null : (
            <p className="small muted">Préparez le compte rendu avant la réunion : il reste un brouillon, lu par la coordination seule, et se finalise une fois la réunion commencée.</p>
          )}
          <TextField name="minutes" label="Compte rendu" multiline rows={6} maxLength={REPORT_LIMITS.minutes} defaultValue={m.minutes ?? ''} />
          <TextField name="decisions" label="Décisions" multiline rows={4} maxLength={REPORT_LIMITS.minutes} defaultValue={m.decisions ?? ''} />
          {saved ? <Alert tone="success"><p>{saved.minutesDraft ? 'Brouillon du compte rendu enregistré.' : 'Compte rendu finalisé : l’équipe peut le lire.'}</p></Alert> : null}
          {m.can.finalizeMinutes ? (
            <Checkbox name="final" defaultSelected={!m.minutesDraft} description="Sinon il reste un brouillon, lu par la coordination seule.">
              Compte rendu définitif : l’équipe peut le lire
            </Checkbox>
          ) : null}
          <div className="form__actions"><Button type="submit" isPending={writes.minutes.isPending}>Enregistrer le compte rendu</Button></div>
        </Form>
      ) : (
        <>
          <h3 className="report-subtitle">Compte rendu</h3><p className="report-text">{m.minutes}</p>
          <h3 className="report-subtitle">Décisions</h3><p className="report-text">{m.decisions}</p>
        </>
      )}
    </Card>
  );
}
