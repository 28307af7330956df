import { parisToUtc, utcToParis } from '../../../../common/paris-time';
import { REPORT_LIMITS } from '../../../../common/reports';
import { useMembers } from '../../api/communities';
import { Button, check, Form, TextField } from '../../ui';
import type { Meeting, MeetingInput } from './api';
import { parisMonth } from './format';

/** The quarter before the current one: the default period to review. */
function previousQuarter(): { from: string; to: string } {
  const [y, m] = parisMonth().split('-').map(Number) as [number, number];
  const startOfThis = Math.floor((m - 1) / 3) * 3; // 0-based month of this quarter's start
  const start = new Date(Date.UTC(y, startOfThis - 3, 1));
  const end = new Date(Date.UTC(y, startOfThis - 1, 1));
  return { from: start.toISOString().slice(0, 7), to: end.toISOString().slice(0, 7) };
}

/**
 * Meetings are set in Paris time, wherever the coordinator's browser is (an agent in Réunion or
 * Guadeloupe schedules the same meeting as one in Lyon): the datetime-local value is a Paris wall clock.
 */
function parisInput(iso: string): string {
  const p = utcToParis(new Date(iso));
  return `${p.date}T${p.time}`;
}

function fromParisInput(value: string): string {
  const [date, time] = value.split('T') as [string, string];
  return parisToUtc(date, time)!.toISOString();
}

interface Props {
  slug: string;
  /** The meeting being changed; absent when scheduling a new one. */
  meeting?: Meeting;
  labelledBy: string;
  submitLabel: string;
  isPending: boolean;
  onSubmit: (input: MeetingInput) => Promise<unknown>;
}

/** Date, period, agenda and participants (chosen among the community's animators and coordinators). */
export function MeetingForm({ slug, meeting, labelledBy, submitLabel, isPending, onSubmit }: Props) {
  const animators = useMembers(slug, 'animator');
  const coordinators = useMembers(slug, 'coordinator');
  const staff = [...(coordinators.data?.pages.flatMap((p) => p.items) ?? []), ...(animators.data?.pages.flatMap((p) => p.items) ?? [])];
  const period = meeting ? { from: meeting.fromMonth, to: meeting.toMonth } : previousQuarter();
  const chosen = meeting ? new Set(meeting.participants.map((p) => p.id)) : null;
  const id = (name: string) => `${labelledBy}-${name}`;
  return (
    <Form
      aria-labelledby={labelledBy}
      labels={{ scheduledAt: 'Date et heure (heure de Paris)', fromMonth: 'Premier mois', toMonth: 'Dernier mois', agenda: 'Ordre du jour' }}
      validate={(v) => {
        const errors = check(v, { scheduledAt: { required: true }, fromMonth: { required: true }, toMonth: { required: true }, agenda: { required: true, max: REPORT_LIMITS.agenda } });
        if (!errors.fromMonth && !errors.toMonth && v.fromMonth! > v.toMonth!) errors.toMonth = 'Le dernier mois doit suivre le premier.';
        return errors;
      }}
      onSubmit={(v, data) => onSubmit({
        scheduledAt: fromParisInput(v.scheduledAt!),
        fromMonth: v.fromMonth!, toMonth: v.toMonth!, agenda: v.agenda!,
        participantIds: data.getAll('participantIds').map(Number),
      })}
    >
      <div className="row settings-row">
        <div className="field">
          <label className="field__label" htmlFor={id('at')}>Date et heure (heure de Paris)</label>
          <input id={id('at')} name="scheduledAt" type="datetime-local" className="input" required defaultValue={meeting ? parisInput(meeting.scheduledAt) : undefined} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={id('from')}>Premier mois analysé</label>
          <input id={id('from')} name="fromMonth" type="month" className="input" defaultValue={period.from} required />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={id('to')}>Dernier mois analysé</label>
          <input id={id('to')} name="toMonth" type="month" className="input" defaultValue={period.to} required />
        </div>
      </div>
      <TextField name="agenda" label="Ordre du jour" multiline rows={4} maxLength={REPORT_LIMITS.agenda} isRequired defaultValue={meeting?.agenda} />
      <fieldset className="participants">
        <legend>Participant·es</legend>
        {staff.length === 0 ? <p className="muted small">Chargement de l’équipe…</p> : staff.map((m) => (
          <label key={m.user.id}>
            <input type="checkbox" name="participantIds" value={m.user.id} defaultChecked={chosen ? chosen.has(m.user.id) : true} />
            {m.user.firstName} {m.user.lastName} <span className="muted small">({m.role === 'coordinator' ? 'coordination' : 'animation'})</span>
          </label>
        ))}
      </fieldset>
      <div className="form__actions"><Button type="submit" isPending={isPending}>{submitLabel}</Button></div>
    </Form>
  );
}
