import { Link, useParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { formatDateTime, plural } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Badge, ButtonLink, LoadMore, QueryState } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { canLaunchPolls } from '../polls/PollsPage';
import { useCommunitySurveys } from './api';
import './surveys.css';

export default function SurveysPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement…">{(c) => <SurveysView c={c} />}</PageQuery>;
}

function SurveysView({ c }: { c: Community }) {
  useTitle(`Mini-enquêtes – ${c.name}`);
  const surveys = useCommunitySurveys(c.slug);
  const items = surveys.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to={`/communautes/${c.slug}`}>{c.name}</Link> › <Link to={`/communautes/${c.slug}/sondages`}>Sondages</Link> ›</p>
          <h1>Mini-enquêtes</h1>
        </div>
        {canLaunchPolls(c) ? <ButtonLink to={`/communautes/${c.slug}/enquetes/nouvelle`}>Nouvelle mini-enquête</ButtonLink> : null}
      </div>
      <CommunityNav c={c} />
      <QueryState query={surveys} loading="Chargement des mini-enquêtes…">
        {() => items.length === 0 ? <p className="muted">Aucune mini-enquête pour le moment.</p> : (
          <>
            <ul className="plain-list stack survey-list">
              {items.map((s) => (
                <li key={s.id} className="card">
                  <span>
                    <Link to={`/enquetes/${s.id}`}><strong>{s.title}</strong></Link>
                    <br />
                    <span className="muted small">
                      {s.closed ? 'Close le ' : 'Jusqu’au '}{formatDateTime(s.closesAt)} · {plural(s.questionCount, 'question')} · {plural(s.participants, 'participation')}
                      {s.anonymous ? ' · anonyme' : ''}
                    </span>
                  </span>
                  <span className="row">
                    <Badge tone={s.closed ? 'neutral' : 'success'}>{s.closed ? 'Close' : 'En cours'}</Badge>
                    {s.resultsPostId ? <Link to={`/publications/${s.resultsPostId}`} className="small">Résultats publiés</Link> : null}
                  </span>
                </li>
              ))}
            </ul>
            <LoadMore query={surveys} />
          </>
        )}
      </QueryState>
    </>
  );
}
