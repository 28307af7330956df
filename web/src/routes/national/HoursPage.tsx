import { useState, type FormEvent } from 'react';
import { parisMonthNow } from '../../../../common/time';
import { formatDate, monthLabel } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Card, ConfirmDialog, LoadMore, MonthField, QueryState } from '../../ui';
import '../steering/steering.css';
import { euros, hoursLabel } from './api';
import { useAssignments, useDeclareHours, useStatement, useStatements, type Assignment, type Statement } from './contracts-api';
import { NO_BANK_DETAILS } from './ContractsAdmin';


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
  const [month, setMonth] = useState(parisMonthNow());
  const [hours, setHours] = useState(String(a.monthlyHours));
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = Number(hours.replace(',', '.'));
    const problem = quarterHoursProblem(hours, value);
    setInvalid(problem);
    if (problem) return;
    declare.mutate({ assignmentId: a.id, month, hours: value, note });
  };
  return (
    <Card>
      <h2>{a.communityName}</h2>
      <p>Mission du {formatDate(a.startsOn)}{a.endsOn ? ` au ${formatDate(a.endsOn)}` : ''} : {a.monthlyHours} h par mois, grille {a.scaleCode} à {euros(a.hourlyRateCents)} de l’heure, soit {euros(a.monthlyAmountCents)} brut par mois.</p>
      {/* noValidate: the form says in French what is wrong, rather than the browser's own bubble. */}
      <form className="row" onSubmit={submit} aria-label={`Déclarer mes heures pour ${a.communityName}`} noValidate>
        <MonthField label="Mois" max={parisMonthNow()} value={month} onChange={setMonth} />
        <div className="field"><label className="field__label" htmlFor={`dh-${a.id}`}>Heures effectuées</label>
          <span id={`dh-help-${a.id}`} className="field__description">Par quarts d’heure, au plus {a.monthlyHours} h sauf plafond relevé par l’équipe nationale.</span>
          <input id={`dh-${a.id}`} type="text" inputMode="decimal" className="input" value={hours} onChange={(e) => setHours(e.target.value)}
            aria-describedby={invalid ? `dh-help-${a.id} dh-err-${a.id}` : `dh-help-${a.id}`} aria-invalid={invalid ? true : undefined} />
          {invalid ? <span id={`dh-err-${a.id}`} className="field__error">{invalid}</span> : null}</div>
        <div className="field"><label className="field__label" htmlFor={`dn-${a.id}`}>Commentaire (facultatif)</label>
          <input id={`dn-${a.id}`} className="input" value={note} onChange={(e) => setNote(e.target.value)} /></div>
        <Button type="submit" isPending={declare.isPending}>Déclarer mes heures</Button>
      </form>
      {declare.error ? <Alert tone="error"><p>{declare.error.message}</p></Alert> : null}
      {declare.data ? <Alert tone="success"><p>Heures de {monthLabel(declare.data.month)} déclarées : {hoursLabel(declare.data.minutes)}, {euros(declare.data.amountCents)} brut. La coordination de l’e-communauté les validera.</p></Alert> : null}
    </Card>
  );
}

/** Payroll counts quarter hours: 12, 12,25, 12,5, 12,75. Null when the value is fine. */
function quarterHoursProblem(text: string, value: number): string | null {
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 200) return 'Indiquez un nombre d’heures entre 0 et 200.';
  return Number.isInteger(value * 4) ? null : 'Les heures se déclarent par quarts d’heure (par exemple 12, 12,25, 12,5 ou 12,75).';
}

export function StatementTable({ items, onValidate, pending }: { items: Statement[]; onValidate?: (id: number) => void; pending?: boolean }) {
  if (items.length === 0) return <p className="muted">Aucun état de service.</p>;
  return (
    <div className="table-scroll">
      {/* On a phone each statement becomes a block of labelled lines (data-label), so that « Valider » is on screen. */}
      <table className="steering-table stack-on-phone">
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
              <td data-label="Animateur·rice">{s.assignment.userName}</td><td data-label="E-communauté">{s.assignment.communityName}</td>
              <td data-label="Heures">{hoursLabel(s.minutes)}</td><td data-label="Montant brut">{euros(s.amountCents)}</td>
              <td data-label="Contributions">{s.contributions ? `${s.contributions.total} (veille ${s.contributions.veille}, animation ${s.contributions.animation}, rédaction ${s.contributions.redaction})` : 'à la validation'}</td>
              <td data-label="Validation">
                {s.validatedAt ? `Validé le ${formatDate(s.validatedAt)} par ${s.validatedBy ?? '—'}` : onValidate ? (
                  <ValidateStatement s={s} onValidate={onValidate} pending={pending} />
                ) : 'En attente'}
              </td>
              <td data-label="Exports">
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

/**
 * « Valider le service fait » asks first, with what is being certified: the hours, the amount and the month's
 * contributions (read when the dialog opens, as the statement will freeze them).
 */
function ValidateStatement({ s, onValidate, pending }: { s: Statement; onValidate: (id: number) => void | Promise<unknown>; pending?: boolean }) {
  const [open, setOpen] = useState(false);
  const detail = useStatement(s.id, open);
  const c = detail.data?.contributions;
  return (
    <ConfirmDialog
      small
      triggerVariant="primary"
      triggerLabel="Valider le service fait"
      triggerAriaLabel={`Valider le service fait de ${s.assignment.userName} en ${monthLabel(s.month)}`}
      title={`Valider le service fait de ${s.assignment.userName} ?`}
      confirmLabel="Je valide le service fait"
      isPending={pending}
      onOpenChange={setOpen}
      onConfirm={() => onValidate(s.id)}
    >
      <dl className="statement-summary">
        <dt>Mois</dt><dd>{monthLabel(s.month)} — {s.assignment.communityName}</dd>
        <dt>Heures déclarées</dt><dd>{hoursLabel(s.minutes)} (mission : {s.assignment.monthlyHours} h par mois)</dd>
        <dt>Montant brut</dt><dd>{euros(s.amountCents)}</dd>
        <dt>Contributions du mois</dt>
        <dd>{c ? `${c.total} (veille ${c.veille}, animation ${c.animation}, rédaction ${c.redaction})` : 'chargement…'}</dd>
      </dl>
      <p>Une fois validé, l’état de service ne peut plus être modifié ; ses chiffres sont figés pour la paie.</p>
    </ConfirmDialog>
  );
}
