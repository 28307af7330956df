import { useState, type FormEvent } from 'react';
import { formatDate } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Card, LoadMore, QueryState } from '../../ui';
import { monthLabel } from '../steering/SteeringPage';
import '../steering/steering.css';
import { euros, hoursLabel, useAssignments, useDeclareHours, useStatements, type Assignment, type Statement } from './api';
import { NO_BANK_DETAILS } from './ContractsAdmin';

function parisMonth(): string {
  return new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
}

/** /mes-heures — an animator's assignments, monthly declarations and service statements. */
export default function HoursPage() {
  useTitle('Mes heures');
  const assignments = useAssignments();
  const statements = useStatements();
  return (
    <div className="stack">
      <h1>Mes heures</h1>
      <Alert tone="info"><p>{NO_BANK_DETAILS}</p></Alert>
      <QueryState query={assignments}>
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          return items.length === 0 ? <p>Aucune mission d’animation ne vous est confiée.</p> : (
            <>{items.map((a) => <AssignmentCard key={a.id} a={a} />)}<LoadMore query={assignments} /></>
          );
        }}
      </QueryState>
      <section aria-labelledby="my-statements" className="stack">
        <h2 id="my-statements">Mes états de service</h2>
        <QueryState query={statements}>
          {(data) => <StatementTable items={data.pages.flatMap((p) => p.items)} />}
        </QueryState>
        <LoadMore query={statements} />
      </section>
    </div>
  );
}

function AssignmentCard({ a }: { a: Assignment }) {
  const declare = useDeclareHours();
  const [month, setMonth] = useState(parisMonth());
  const [hours, setHours] = useState(String(a.monthlyHours));
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    declare.mutate({ assignmentId: a.id, month, hours: Number(hours.replace(',', '.')), note });
  };
  return (
    <Card>
      <h2>{a.communityName}</h2>
      <p>Mission du {formatDate(a.startsOn)}{a.endsOn ? ` au ${formatDate(a.endsOn)}` : ''} : {a.monthlyHours} h par mois, grille {a.scaleCode} à {euros(a.hourlyRateCents)} de l’heure, soit {euros(a.monthlyAmountCents)} brut par mois.</p>
      <form className="row" onSubmit={submit} aria-label={`Déclarer mes heures pour ${a.communityName}`}>
        <div className="field"><label className="field__label" htmlFor={`dm-${a.id}`}>Mois</label>
          <input id={`dm-${a.id}`} type="month" className="input" max={parisMonth()} value={month} onChange={(e) => setMonth(e.target.value)} /></div>
        <div className="field"><label className="field__label" htmlFor={`dh-${a.id}`}>Heures effectuées</label>
          <input id={`dh-${a.id}`} type="number" step={0.25} min={0} max={200} className="input" value={hours} onChange={(e) => setHours(e.target.value)} /></div>
        <div className="field"><label className="field__label" htmlFor={`dn-${a.id}`}>Commentaire (facultatif)</label>
          <input id={`dn-${a.id}`} className="input" value={note} onChange={(e) => setNote(e.target.value)} /></div>
        <Button type="submit" isPending={declare.isPending}>Déclarer mes heures</Button>
      </form>
      {declare.error ? <Alert tone="error"><p>{declare.error.message}</p></Alert> : null}
      {declare.data ? <Alert tone="success"><p>Heures de {monthLabel(declare.data.month)} déclarées : {hoursLabel(declare.data.minutes)}, {euros(declare.data.amountCents)} brut. La coordination de l’e-communauté les validera.</p></Alert> : null}
    </Card>
  );
}

export function StatementTable({ items, onValidate, pending }: { items: Statement[]; onValidate?: (id: number) => void; pending?: boolean }) {
  if (items.length === 0) return <p className="muted">Aucun état de service.</p>;
  return (
    <div className="table-scroll">
      <table className="steering-table">
        <caption className="visually-hidden">États de service : heures, montant, contributions et validation</caption>
        <thead>
          <tr>
            <th scope="col">Mois</th><th scope="col">Animateur·rice</th><th scope="col">E-communauté</th><th scope="col">Heures</th><th scope="col">Montant brut</th>
            <th scope="col">Contributions</th><th scope="col">Validation</th><th scope="col">Exports</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id}>
              <th scope="row">{monthLabel(s.month)}</th>
              <td>{s.assignment.userName}</td><td>{s.assignment.communityName}</td>
              <td>{hoursLabel(s.minutes)}</td><td>{euros(s.amountCents)}</td>
              <td>{s.contributions ? `${s.contributions.total} (veille ${s.contributions.veille}, animation ${s.contributions.animation}, rédaction ${s.contributions.redaction})` : 'à la validation'}</td>
              <td>
                {s.validatedAt ? `Validé le ${formatDate(s.validatedAt)} par ${s.validatedBy ?? '—'}` : onValidate ? (
                  <Button small isPending={pending} onPress={() => onValidate(s.id)}>Valider le service fait<span className="visually-hidden"> de {s.assignment.userName} en {monthLabel(s.month)}</span></Button>
                ) : 'En attente'}
              </td>
              <td>
                <a href={`/api/contracts/statements/${s.id}/export/pdf`} download>PDF<span className="visually-hidden"> de {monthLabel(s.month)}, {s.assignment.userName}</span></a>{' · '}
                <a href={`/api/contracts/statements/${s.id}/export/csv`} download>CSV<span className="visually-hidden"> de {monthLabel(s.month)}, {s.assignment.userName}</span></a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
