import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { OBJECTIVES, type ObjectiveKind } from '../../../../common/reports';
import { ApiError } from '../../api/client';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { formatDateTime, formatNumber, monthLabel } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Badge, Button, Card, MonthField, QueryState } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { BarChart } from '../steering/charts';
import '../steering/steering.css';
import { useCoordinatorDashboard, useSetObjectives, type CoordinatorDashboard, type Objective } from './api';
import { duration, percent } from './format';
import './reports.css';
import { parisMonthNow } from '../../../../common/time';

/** /communautes/:slug/coordination — the coordinator's dashboard. */
export default function CoordinatorPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement…">{(c) => <CoordinatorView c={c} />}</PageQuery>;
}

function CoordinatorView({ c }: { c: Community }) {
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('mois') ?? '') ? params.get('mois')! : parisMonthNow();
  const dashboard = useCoordinatorDashboard(c.slug, month);
  useTitle(`Coordination – ${c.name}`);
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to={`/communautes/${c.slug}`}>{c.name}</Link> ›</p>
          <h1>Tableau de bord de coordination</h1>
          <p><Link to="/import">Importer une liste de membres (CSV)</Link></p>
        </div>
        <div className="steering-month">
          <MonthField
            label="Mois" value={month} max={parisMonthNow()}
            onChange={(m) => setParams((current) => { const next = new URLSearchParams(current); next.set('mois', m); return next; }, { replace: true })}
          />
        </div>
      </div>
      <CommunityNav c={c} />
      {!c.can.appointAnimator ? (
        <Alert tone="info"><p>Cette page est réservée à la coordination de l’e-communauté et à l’équipe nationale.</p></Alert>
      ) : (
        <QueryState query={dashboard} loading="Calcul des indicateurs…">{(d) => <Dashboard slug={c.slug} d={d} />}</QueryState>
      )}
    </>
  );
}

function Dashboard({ slug, d }: { slug: string; d: CoordinatorDashboard }) {
  const month = monthLabel(d.month);
  return (
    <>
      {d.meetings.warning ? (
        <Alert tone="warning" title={`Aucune réunion de programmation et d’analyse n’est prévue au ${d.meetings.quarter}.`}>
          <p>Elle se tient au moins une fois par trimestre. <Link to={`/communautes/${slug}/reunions`}>Programmer la réunion</Link></p>
        </Alert>
      ) : (
        <p>
          Réunion de programmation et d’analyse du {d.meetings.quarter} : {d.meetings.planned} prévue{d.meetings.planned > 1 ? 's' : ''}
          {d.meetings.next ? <> — prochaine le <Link to={`/reunions/${d.meetings.next.id}`}>{formatDateTime(d.meetings.next.scheduledAt)}</Link></> : null}.{' '}
          <Link to={`/communautes/${slug}/reunions`}>Toutes les réunions</Link>
        </p>
      )}
      <h2>Objectifs en {month}</h2>
      <div className="steering-grid">
        {d.objectives.map((o) => <ObjectiveCard key={o.kind} o={o} animators={d.animators.filter((a) => a.role === 'animator').length} />)}
      </div>
      <ObjectivesForm slug={slug} objectives={d.objectives} />

      <section aria-labelledby="team-figures" className="steering-team">
        <h2 id="team-figures">L’équipe face aux objectifs en {month}</h2>
        <div className="table-scroll">
          <table className="steering-table">
            <caption className="visually-hidden">Contributions, régularité et réponses dans le délai de chaque membre de l’équipe</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th><th scope="col">Veille</th><th scope="col">Animation</th><th scope="col">Rédaction</th>
                <th scope="col">Contributions / objectif</th><th scope="col">Semaines actives</th><th scope="col">Réponses dans le délai</th>
                <th scope="col"><span className="visually-hidden">Détail</span></th>
              </tr>
            </thead>
            <tbody>
              {d.animators.map((a) => (
                <tr key={a.userId}>
                  <th scope="row">{a.name}{a.role === 'coordinator' ? <span className="muted small"> (coordination)</span> : null}</th>
                  <td>{a.contributions.families.veille}</td><td>{a.contributions.families.animation}</td><td>{a.contributions.families.redaction}</td>
                  <td>{a.contributions.target === null ? <>{a.contributions.total} <span className="muted small">(sans objectif : coordination)</span></> : <Met met={a.contributions.met}>{a.contributions.total} / {a.contributions.target}</Met>}</td>
                  <td><Met met={a.regularity.met}>{a.regularity.activeWeeks} / {a.regularity.target}</Met></td>
                  <td>
                    {a.quality.answered === 0 ? <span className="muted">aucune réponse</span> : (
                      <Met met={a.quality.met}>{a.quality.answeredWithinDeadline} sur {a.quality.answered} ({percent(a.quality.share)})</Met>
                    )}
                  </td>
                  <td><Link to={`/communautes/${slug}/pilotage?animateur=${a.userId}&mois=${d.month}`}>Tableau de bord<span className="visually-hidden"> de {a.name}</span></Link></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <div className="steering-grid">
        <Card as="section">
          <h2 className="card__title">Délais de réponse aux questions</h2>
          <dl className="report-figures">
            <dt>Questions posées</dt><dd>{d.questions.asked}</dd>
            <dt>Réponses dans le délai</dt><dd>{d.questions.answeredWithinDeadline} sur {d.questions.decided} dont l’issue est connue ({percent(d.questions.shareWithinDeadline)})</dd>
            <dt>Délai médian de première réponse</dt><dd>{duration(d.questions.medianSeconds)}</dd>
            <dt>9 questions sur 10 répondues en moins de</dt><dd>{duration(d.questions.p90Seconds)}</dd>
            <dt>Sans réponse, dont en retard</dt><dd>{d.questions.open}, dont {d.questions.overdue}</dd>
          </dl>
        </Card>
        <Card as="section">
          <h2 className="card__title">Modération</h2>
          <dl className="report-figures">
            <dt>Signalements reçus</dt><dd>{d.moderation.flagsReceived}</dd>
            <dt>Signalements traités</dt><dd>{d.moderation.flagsHandled}</dd>
            <dt>Délai médian de traitement</dt><dd>{duration(d.moderation.medianHandleSeconds)}</dd>
            <dt>En attente aujourd’hui</dt><dd>{d.moderation.pending}</dd>
          </dl>
        </Card>
        <Card as="section" className="steering-wide">
          <h2 className="card__title">Membres sur douze mois</h2>
          <div className="report-charts">
            {([['Membres en fin de mois', 'total'], ['Nouveaux membres', 'joined'], ['Membres actifs dans le mois', 'active']] as const).map(([title, field]) => (
              <div key={field}>
                <h3 className="report-chart-title">{title}</h3>
                <BarChart title={title} unit="membres" bars={d.members.map((m) => ({ label: monthLabel(m.month, true), value: m[field] }))} />
              </div>
            ))}
          </div>
          <p className="small muted">Actifs : membres ayant lu ou écrit dans l’e-communauté au moins une fois dans le mois.</p>
        </Card>
      </div>
    </>
  );
}

function Met({ met, children }: { met: boolean | null; children: React.ReactNode }) {
  if (met === null) return <>{children}</>;
  return <>{children} <Badge tone={met ? 'success' : 'warning'}>{met ? 'atteint' : 'en deçà'}</Badge></>;
}

function ObjectiveCard({ o, animators }: { o: Objective; animators: number }) {
  const value = o.value === null ? 'sans objet'
    : o.kind === 'quality' ? `${formatNumber(o.value)} %`
      : o.kind === 'growth' ? `${formatNumber(o.value)} ${o.value > 1 ? 'nouveaux membres' : 'nouveau membre'}`
        : `${o.value} animateur·rice${o.value > 1 ? 's' : ''} sur ${animators} à au moins ${o.target} semaines`;
  return (
    <Card as="section">
      <h3 className="card__title">{o.label}</h3>
      <p className="steering-total"><strong>{value}</strong></p>
      <p>
        Objectif : {formatNumber(o.target)} {o.unit}{o.isDefault ? ' (valeur par défaut)' : ''}{' '}
        {o.met === null ? null : <Badge tone={o.met ? 'success' : 'warning'}>{o.met ? 'atteint' : 'non atteint'}</Badge>}
      </p>
      <p className="small muted">{o.measure}</p>
      {o.setBy && o.updatedAt ? <p className="small muted">Fixé par {o.setBy.name} le {formatDateTime(o.updatedAt)}.</p> : null}
    </Card>
  );
}

function ObjectivesForm({ slug, objectives }: { slug: string; objectives: Objective[] }) {
  const save = useSetObjectives(slug);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input: Partial<Record<ObjectiveKind, number>> = {};
    setError(null);
    setSaved(false);
    for (const def of OBJECTIVES) {
      const value = Number(String(form.get(def.kind) ?? '').replace(',', '.'));
      if (!(value > 0 && value <= def.max)) {
        setError(`${def.label} : indiquez un nombre supérieur à 0 et au plus ${formatNumber(def.max)}.`);
        return;
      }
      input[def.kind] = value;
    }
    try {
      await save.mutateAsync(input);
      setSaved(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'L’enregistrement a échoué.');
    }
  };
  return (
    <Card as="section" className="steering-target">
      <h3 className="card__title">Fixer les objectifs</h3>
      <form aria-label="Objectifs de l’e-communauté" onSubmit={(e) => void onSubmit(e)} noValidate>
        {error ? <Alert tone="error"><p>{error}</p></Alert> : null}
        {saved ? <Alert tone="success"><p>Objectifs enregistrés.</p></Alert> : null}
        <div className="row settings-row">
          {objectives.map((o) => (
            <div className="field" key={o.kind}>
              <label className="field__label" htmlFor={`objective-${o.kind}`}>{o.label} ({o.unit})</label>
              <input id={`objective-${o.kind}`} name={o.kind} className="input" type="number" min="0" step="any" defaultValue={o.target} required />
            </div>
          ))}
        </div>
        <div className="form__actions"><Button type="submit" isPending={save.isPending}>Enregistrer les objectifs</Button></div>
      </form>
    </Card>
  );
}
