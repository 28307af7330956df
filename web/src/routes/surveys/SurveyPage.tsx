import { Link, useParams } from 'react-router';
import { useCurrentUser } from '../../api/session';
import { PageQuery } from '../../components/PageQuery';
import { formatDateTime, plural } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert } from '../../ui';
import { AnswerForm } from './AnswerForm';
import { useSurvey, type Survey } from './api';
import { SurveyResults } from './SurveyResults';
import { SurveyStaff } from './SurveyStaff';
import '../polls/polls.css';
import './surveys.css';

export default function SurveyPage() {
  const id = Number(useParams().id);
  const survey = useSurvey(id);
  return <PageQuery query={survey} loading="Chargement de la mini-enquête…">{(s) => <SurveyView s={s} />}</PageQuery>;
}

function SurveyView({ s }: { s: Survey }) {
  useTitle(`${s.title} – mini-enquête`);
  const user = useCurrentUser();
  return (
    <div className="narrow stack">
      <p className="small muted">
        <Link to={`/communautes/${s.community.slug}`}>{s.community.name}</Link> › <Link to={`/communautes/${s.community.slug}/enquetes`}>Mini-enquêtes</Link> ›
      </p>
      <h1>{s.title}</h1>
      <p className="muted small">
        Mini-enquête {s.anonymous ? 'anonyme' : 'nominative'} · {s.closed ? 'close le ' : 'réponses possibles jusqu’au '}
        <time dateTime={s.closesAt}>{formatDateTime(s.closesAt)}</time> · {plural(s.questions.length, 'question')}
      </p>
      {s.description ? <p className="pre-line">{s.description}</p> : null}
      {s.anonymous ? (
        <p className="small">Vos réponses sont enregistrées sans lien avec votre nom : personne ne peut savoir ce que vous avez répondu.</p>
      ) : (
        <p className="small">Enquête nominative : l’animation de l’e-communauté voit vos réponses avec votre nom.</p>
      )}
      {s.resultsPost ? (
        <Alert tone="info" live={false}>
          <p>Les résultats ont été publiés : <Link to={`/publications/${s.resultsPost.id}`}>{s.resultsPost.title}</Link></p>
        </Alert>
      ) : null}
      {s.answered ? (
        <p className="poll__voted"><strong>Merci, vos réponses sont enregistrées.</strong> Une seule participation par personne.</p>
      ) : null}
      {s.can.answer ? <AnswerForm survey={s} /> : <WhyNoAnswer s={s} signedIn={Boolean(user)} />}
      <section className="card" aria-labelledby="survey-results-title">
        <h2 id="survey-results-title" className="card__title">Résultats</h2>
        {s.resultsVisible ? <SurveyResults survey={s} /> : <p className="muted">Les résultats seront visibles à la clôture de la mini-enquête.</p>}
      </section>
      <SurveyStaff survey={s} />
    </div>
  );
}

function WhyNoAnswer({ s, signedIn }: { s: Survey; signedIn: boolean }) {
  if (s.answered || s.closed) return null;
  if (!signedIn) return <p><Link to={`/connexion?suite=${encodeURIComponent(`/enquetes/${s.id}`)}`}>Connectez-vous</Link> pour répondre à cette mini-enquête.</p>;
  return <p className="muted">Rejoignez l’e-communauté « {s.community.name} » pour répondre à cette mini-enquête.</p>;
}
