import { CloseNow, PublishResultsForm } from '../../components/ConsultationStaff';
import { LoadMore, QueryState } from '../../ui';
import { useCloseSurvey, usePublishSurveyResults, useSurveyTexts, type Survey } from './api';

/** The animation's part: short texts, CSV exports, closing and publishing the results. */
export function SurveyStaff({ survey }: { survey: Survey }) {
  const close = useCloseSurvey(survey.id);
  const publish = usePublishSurveyResults(survey.id);
  if (!survey.can.viewTexts && !survey.can.close && !survey.can.publishResults) return null;
  const hasTexts = survey.questions.some((q) => q.kind === 'text');
  return (
    <section className="card stack" aria-labelledby="survey-staff-title">
      <h2 id="survey-staff-title" className="card__title">Animation de la mini-enquête</h2>
      {survey.can.viewTexts && hasTexts ? <ShortTexts survey={survey} /> : null}
      {survey.can.export ? (
        <section aria-labelledby="survey-export-title">
          <h3 id="survey-export-title">Exporter</h3>
          <p className="small muted">Fichiers CSV pour un tableur réglé en français (point-virgule, virgule décimale).</p>
          <ul>
            <li><a href={`/api/surveys/${survey.id}/export`} download>Totaux par question (CSV)</a></li>
            {!survey.anonymous ? <li><a href={`/api/surveys/${survey.id}/export?detail=reponses`} download>Une ligne par répondant (CSV)</a></li> : null}
          </ul>
        </section>
      ) : null}
      {survey.can.close ? (
        <CloseNow what={{ the: 'la mini-enquête', this: 'cette mini-enquête' }} answers={{ count: survey.participants ?? 0, noun: 'participation' }} close={close} />
      ) : null}
      {survey.can.publishResults ? (
        <PublishResultsForm published="les tableaux des résultats (sans les réponses écrites)" publish={publish} />
      ) : null}
    </section>
  );
}

function ShortTexts({ survey }: { survey: Survey }) {
  const texts = useSurveyTexts(survey.id, true);
  const items = texts.data?.pages.flatMap((p) => p.items) ?? [];
  const labelOf = new Map(survey.questions.map((q, i) => [q.id, `${i + 1}. ${q.label}`]));
  return (
    <section aria-labelledby="survey-texts-title">
      <h3 id="survey-texts-title">Réponses écrites</h3>
      <p className="muted small">Visibles par l’animation seulement{survey.anonymous ? ', sans nom : l’enquête est anonyme' : ''}.</p>
      <QueryState query={texts} loading="Chargement des réponses écrites…">
        {() => items.length === 0 ? <p className="muted">Aucune réponse écrite pour le moment.</p> : (
          <>
            <ul className="survey-texts">
              {items.map((t) => (
                <li key={t.id}>
                  <span className="small muted">{labelOf.get(t.questionId)}{t.respondent ? ` — ${t.respondent}` : ''}</span>
                  <br /><span className="pre-line">{t.text}</span>
                </li>
              ))}
            </ul>
            <LoadMore query={texts} />
          </>
        )}
      </QueryState>
    </section>
  );
}
