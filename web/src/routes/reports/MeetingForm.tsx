import { addMonths, parisLocalToUtc, parisMonthNow, utcToParisLocal } from '../../../../common/time';
import { REPORT_LIMITS } from '../../../../common/reports';
import { useMembers } from '../../api/communities';
import { Button, check, Form, MonthField, TextField } from '../../ui';
import type { Meeting, MeetingInput } from './api';

/** The quarter before the current one: the default period to review. */
function previousQuarter(): { from: string; to: string } {
  const month = parisMonthNow();
  const quarterStart = addMonths(month, -((Number(month.slice(5, 7)) - 1) % 3));
  return { from: addMonths(quarterStart, -3), to: addMonths(quarterStart, -1) };
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

/**
 * Date, period, agenda and participants (chosen among the community's animators and coordinators).
 * The date is a Paris wall clock wherever the coordinator's browser is (Réunion, Guadeloupe…).
 */
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
        scheduledAt: parisLocalToUtc(v.scheduledAt!)!.toISOString(),
        fromMonth: v.fromMonth!, toMonth: v.toMonth!, agenda: v.agenda!,
        participantIds: data.getAll('participantIds').map(Number),
      })}
    >
      <div className="row settings-row">
        <div className="field">
          <label className="field__label" htmlFor={id('at')}>Date et heure (heure de Paris)</label>
          <input id={id('at')} name="scheduledAt" type="datetime-local" className="input" required defaultValue={meeting ? utcToParisLocal(meeting.scheduledAt) : undefined} />
        </div>
        <MonthField label="Premier mois analysé" name="fromMonth" defaultValue={period.from} />
        <MonthField label="Dernier mois analysé" name="toMonth" defaultValue={period.to} />
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
