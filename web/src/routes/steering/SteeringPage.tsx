import { parisMonthNow } from '../../../../common/time';
import { formatTime, monthLabel } from '../../lib/format';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import type { Community, PostKind } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { KIND_LABELS } from '../../lib/kind-labels';
import { useTitle } from '../../lib/useTitle';
import { Alert, Badge, Card, MonthField, QueryState } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { useAnimatorDashboard, type AnimatorDashboard, type TopPost } from './api';
import { BarChart, ProgressBar } from './charts';
import { TeamPanel } from './TeamPanel';
import './steering.css';


/** /communautes/:slug/pilotage — the animator's dashboard, and the coordinator's team view. */
export default function SteeringPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement…">{(c) => <SteeringView c={c} />}</PageQuery>;
}

function SteeringView({ c }: { c: Community }) {
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('mois') ?? '') ? params.get('mois')! : parisMonthNow();
  const animatorId = Number(params.get('animateur')) || undefined;
  const dashboard = useAnimatorDashboard(c.slug, month, animatorId);
  useTitle(`Tableau de bord – ${c.name}`);
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to={`/communautes/${c.slug}`}>{c.name}</Link> ›</p>
          <h1>{animatorId && dashboard.data ? `Tableau de bord de ${dashboard.data.animator.name}` : 'Mon tableau de bord'}</h1>
        </div>
        <div className="steering-month">
          <MonthField label="Mois" value={month} max={parisMonthNow()} onChange={(m) => setParam('mois', m)} />
        </div>
      </div>
      <CommunityNav c={c} />
      {!c.can.moderate ? (
        <Alert tone="info"><p>Cette page est réservée à l’équipe d’animation de l’e-communauté.</p></Alert>
      ) : (
        <QueryState query={dashboard} loading="Calcul des indicateurs…">
          {(d) => (
            <>
              {animatorId ? <p><button type="button" className="linklike" onClick={() => setParam('animateur', undefined)}>Revenir à mon tableau de bord</button></p> : null}
              <Dashboard d={d} />
              {d.team ? <TeamPanel slug={c.slug} d={d} onShow={(id) => setParam('animateur', String(id))} /> : null}
            </>
          )}
        </QueryState>
      )}
    </>
  );
}

function Dashboard({ d }: { d: AnimatorDashboard }) {
  const month = monthLabel(d.month);
  const kinds = d.formats.kinds.map((k) => `${KIND_LABELS[k.kind as PostKind] ?? k.kind} (${k.count})`);
  const extras = [...d.formats.attachments.map((a) => `${a.format} (${a.count})`), ...d.formats.embeds.map((e) => `${e.provider} (${e.count})`)];
  return (
    <div className="steering-grid">
      <Card as="section" className="steering-wide">
        <h2 className="card__title">Contributions de {month}</h2>
        {d.target === null ? (
          <p className="steering-total"><strong>{d.total}</strong> contribution{d.total > 1 ? 's' : ''} — l’objectif mensuel est porté par l’animation, pas par la coordination.</p>
        ) : (
          <>
            <p className="steering-total"><strong>{d.total}</strong> contribution{d.total > 1 ? 's' : ''} sur un objectif de <strong>{d.target}</strong></p>
            <ProgressBar value={d.total} target={d.target} label={`Contributions de ${month} face à l’objectif`} />
          </>
        )}
        <p className="steering-balance">
          Équilibre entre les familles :{' '}
          <Badge tone={d.balance.balanced ? 'success' : 'warning'}>{d.balance.message}</Badge>
        </p>
        <BarChart
          title={`Contributions par famille, ${month}`} unit="contributions" target={d.target === null ? undefined : { value: d.target, label: 'objectif du mois' }}
          bars={d.families.map((f) => ({ label: f.label, value: f.count }))}
        />
        <details>
          <summary>Ce qui est compté dans chaque famille</summary>
          {d.families.map((f) => (
            <div key={f.code}>
              <h3 className="steering-family">{f.label} : {f.count} ({Math.round(f.share * 100)} %)</h3>
              <ul className="steering-sources">
                {f.sources.map((s) => <li key={s.code}><strong>{s.label} : {s.count}</strong> — {s.description}</li>)}
              </ul>
            </div>
          ))}
        </details>
      </Card>
      <Card as="section">
        <h2 className="card__title">Formats utilisés</h2>
        {kinds.length === 0 && extras.length === 0 ? <p className="muted">Aucune publication ce mois-ci.</p> : (
          <>
            <p>{kinds.length} type{kinds.length > 1 ? 's' : ''} de publication : {kinds.join(', ') || '—'}</p>
            {extras.length ? <p>Pièces jointes et médias : {extras.join(', ')}</p> : null}
          </>
        )}
      </Card>
      <Card as="section">
        <h2 className="card__title">Ressources du CNFPT</h2>
        <p data-testid="cnfpt-promoted"><strong>{d.cnfptResources.animator}</strong> ressource{d.cnfptResources.animator > 1 ? 's' : ''} CNFPT mise{d.cnfptResources.animator > 1 ? 's' : ''} en avant en {month}{' '}
          <span className="muted">({d.cnfptResources.community} pour toute l’e-communauté)</span></p>
        <p className="small">Formations, numéros de la LID, publications : la veille en propose chaque semaine.</p>
      </Card>
      <Waiting d={d} />
      <Card as="section" className="steering-wide">
        <h2 className="card__title">Membres de l’e-communauté</h2>
        <BarChart
          title="Membres en fin de mois, sur 12 mois" unit="membres"
          bars={d.members.map((m) => ({ label: monthLabel(m.month, true), value: m.total }))}
        />
        <p className="small muted">
          Nouveaux membres en {month} : {d.members[d.members.length - 1]?.joined ?? 0}. Les membres partis ne sont plus comptés dans les mois passés.
        </p>
        <p className="small muted">
          Membres, lectures et mentions « utile » calculés à {formatTime(d.audienceAt)} (actualisés chaque minute).
        </p>
      </Card>
      <TopList title={`Les plus lues en ${month}`} items={d.mostRead} unit="lecture" empty="Aucune lecture comptée ce mois-ci." />
      <TopList title={`Les plus utiles en ${month}`} items={d.mostUseful} unit="« utile »" empty="Aucune publication du mois n’a encore été jugée utile." />
    </div>
  );
}


/** What waits for the animator: flags and unanswered questions, the late ones marked. */
function Waiting({ d }: { d: AnimatorDashboard }) {
  return (
    <Card as="section">
      <h2 className="card__title">À traiter</h2>
      <p>{d.flagsWaiting} signalement{d.flagsWaiting > 1 ? 's' : ''} en attente · {d.questions.total} question{d.questions.total > 1 ? 's' : ''} sans réponse</p>
      {d.questions.items.length ? (
        <ul aria-label="Questions en attente de réponse" className="steering-list">
          {d.questions.items.map((q) => (
            <li key={q.postId}>
              <Link to={`/publications/${q.postId}`}>{q.title}</Link>{' '}
              {q.hoursLeft < 0
                ? <Badge tone="warning">en retard de {formatHours(-q.hoursLeft)}</Badge>
                : <span className="muted small">reste {formatHours(q.hoursLeft)}</span>}
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function formatHours(h: number): string {
  return h >= 24 ? `${Math.floor(h / 24)} j ${h % 24} h` : `${h} h`;
}

function TopList({ title, items, unit, empty }: { title: string; items: TopPost[]; unit: string; empty: string }) {
  return (
    <Card as="section">
      <h2 className="card__title">{title}</h2>
      {items.length === 0 ? <p className="muted">{empty}</p> : (
        <ol className="steering-list" aria-label={title}>
          {items.map((p) => <li key={p.postId}><Link to={`/publications/${p.postId}`}>{p.title}</Link> <span className="muted small">{p.value} {unit}{p.value > 1 && unit === 'lecture' ? 's' : ''}</span></li>)}
        </ol>
      )}
    </Card>
  );
}
