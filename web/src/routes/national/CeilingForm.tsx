import { useState, type FormEvent } from 'react';
import { parisMonthNow } from '../../../../common/time';
import { Alert, Button, Card } from '../../ui';
import { monthLabel } from '../../lib/format';
import { useSetCeiling, type Assignment } from './contracts-api';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The national team lets an animator declare more than the mission's monthly hours for one month (a regional
 * meeting, a dossier to write), and says why: the reason goes to the audit log with the change.
 */
export function CeilingForm({ assignments }: { assignments: Assignment[] }) {
  const save = useSetCeiling();
  const [f, setF] = useState({ assignmentId: String(assignments[0]?.id ?? ''), month: parisMonthNow(), hours: '', reason: '' });
  const [invalid, setInvalid] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const hours = Number(f.hours.replace(',', '.'));
    const problem = !MONTH.test(f.month) ? 'Indiquez le mois sous la forme AAAA-MM (par exemple 2026-11).'
      : !(f.hours.trim() !== '' && Number.isInteger(hours * 4) && hours >= 0 && hours <= 200) ? 'Les heures se comptent par quarts d’heure, de 0 à 200.'
        : f.reason.trim().length < 3 ? 'Indiquez le motif : il est inscrit au journal.' : null;
    setInvalid(problem);
    if (problem) return;
    save.mutate({ assignmentId: Number(f.assignmentId), month: f.month, hours, reason: f.reason.trim() });
  };
  return (
    <Card>
      <form className="stack" onSubmit={submit} aria-labelledby="ceiling-title" noValidate>
        <h4 id="ceiling-title">Relever le plafond d’heures d’un mois</h4>
        <p className="small muted">Sans plafond relevé, une animatrice ou un animateur ne peut pas déclarer plus que les heures mensuelles de sa mission.</p>
        <div className="row">
          <div className="field"><label className="field__label" htmlFor="ceiling-who">Mission</label>
            <select id="ceiling-who" className="input" value={f.assignmentId} onChange={(e) => setF({ ...f, assignmentId: e.target.value })}>
              {assignments.map((a) => <option key={a.id} value={a.id}>{a.userName} ({a.monthlyHours} h par mois)</option>)}
            </select></div>
          <div className="field"><label className="field__label" htmlFor="ceiling-month">Mois (AAAA-MM)</label>
            <input id="ceiling-month" className="input" inputMode="numeric" value={f.month} onChange={(e) => setF({ ...f, month: e.target.value })} /></div>
          <div className="field"><label className="field__label" htmlFor="ceiling-hours">Heures autorisées ce mois-ci</label>
            <input id="ceiling-hours" className="input" inputMode="decimal" value={f.hours} onChange={(e) => setF({ ...f, hours: e.target.value })} /></div>
        </div>
        <div className="field field--wide"><label className="field__label" htmlFor="ceiling-reason">Motif</label>
          <textarea id="ceiling-reason" className="input" rows={2} value={f.reason} onChange={(e) => setF({ ...f, reason: e.target.value })} /></div>
        {invalid ? <Alert tone="error"><p>{invalid}</p></Alert> : null}
        {save.error ? <Alert tone="error"><p>{save.error.message}</p></Alert> : null}
        {save.data ? <Alert tone="success"><p>Plafond de {monthLabel(save.data.month)} porté à {save.data.hours.toLocaleString('fr-FR')} h.</p></Alert> : null}
        <div><Button type="submit" isPending={save.isPending}>Relever le plafond</Button></div>
      </form>
    </Card>
  );
}
