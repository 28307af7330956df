import { AUDIT, conformity, conformityMention, formatRate, statusOn } from '../../../../common/accessibility';
import { formatDate } from '../../lib/format';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
/** « mars 2027 » from « 2027-03 ». */
const monthLabel = (ym: string) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;

/**
 * The part of the accessibility statement that comes from the audit (docs/accessibility/rgaa-audit.json): state of
 * conformity, rate, non-conformities and their planned fix, derogations, exempted content, date and sample.
 * The national team edits the rest of the page (commitment, contact, recourse) like any legal page; these figures
 * can only change with the audit, so the statement, the footer and the plan always agree.
 */
export function AccessibilityStatementFigures() {
  const c = conformity();
  const failingPages = (id: string) => AUDIT.pages.filter((p) => statusOn(AUDIT.criteria.find((x) => x.id === id)!, p.id) === 'NC');
  return (
    <section className="prose" aria-labelledby="audit-state-title">
      <h2 id="audit-state-title">État de conformité</h2>
      <p>
        Le réseau des e-communautés est <strong>{conformityMention(c.rate)}</strong> avec le référentiel général d’amélioration de
        l’accessibilité ({AUDIT.referential}).
      </p>
      <h2>Résultats des tests</h2>
      <p>
        L’{AUDIT.auditor.charAt(0).toLowerCase() + AUDIT.auditor.slice(1)}, réalisée le <time dateTime={AUDIT.auditedOn}>{formatDate(AUDIT.auditedOn)}</time>,
        révèle que <strong>{formatRate(c.rate)}</strong> des critères du RGAA sont respectés : {c.conformes} critères conformes,{' '}
        {c.nonConformes} non conformes, {c.nonApplicables} non applicables sur {AUDIT.criteria.length}. Le taux moyen de conformité des
        pages de l’échantillon est de {formatRate(c.averageRate)}.
      </p>
      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités</h3>
      {c.failing.length === 0 ? <p>Aucune.</p> : (
        <ul>
          {c.failing.map((f) => (
            <li key={f.id}>
              <strong>Critère {f.id}</strong> ({f.title}) — {f.issue?.description ?? `non conforme sur : ${failingPages(f.id).map((p) => p.name).join(', ')}.`}
              {f.issue ? <> Correction prévue : {f.issue.fix} (échéance : {monthLabel(f.issue.due)}).</> : null}
            </li>
          ))}
        </ul>
      )}
      <h3>Dérogations pour charge disproportionnée</h3>
      {AUDIT.derogations.length === 0 ? <p>Aucune.</p> : (
        <ul>{AUDIT.derogations.map((d) => <li key={d.content}>{d.content} : {d.reason} Alternative : {d.alternative}</li>)}</ul>
      )}
      <h3>Contenus non soumis à l’obligation d’accessibilité</h3>
      <ul>{AUDIT.exemptions.map((e) => <li key={e.content}>{e.content} : {e.reason}</li>)}</ul>
      <h2>Établissement de cette déclaration</h2>
      <p>Cette déclaration a été établie le <time dateTime={AUDIT.auditedOn}>{formatDate(AUDIT.auditedOn)}</time>. {AUDIT.method}</p>
      <h3>Environnement de test</h3>
      <ul>{AUDIT.environment.map((e) => <li key={e}>{e}</li>)}</ul>
      <h3>Pages ayant fait l’objet de la vérification</h3>
      <ul>{AUDIT.pages.map((p) => <li key={p.id}>{p.name}</li>)}</ul>
    </section>
  );
}

/** The year's actions of the multi-year plan: the audit's planned fixes, with their due month. */
export function AccessibilityPlanActions() {
  const { failing } = conformity();
  return (
    <section className="prose" aria-labelledby="audit-plan-title">
      <h2 id="audit-plan-title">Actions prévues à la suite de l’audit du <time dateTime={AUDIT.auditedOn}>{formatDate(AUDIT.auditedOn)}</time></h2>
      {failing.length === 0 ? <p>Aucune non-conformité à corriger.</p> : (
        <ul>
          {failing.map((f) => <li key={f.id}>{monthLabel(f.issue?.due ?? AUDIT.auditedOn.slice(0, 7))} — critère {f.id} : {f.issue?.fix ?? f.title}</li>)}
        </ul>
      )}
    </section>
  );
}
