import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { parisLocalToUtc } from '../../../../common/time';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Card, Checkbox, DateTimeField, Form, Select, TextField, check, type Errors } from '../../ui';
import { defaultClosing } from '../polls/NewPollPage';
import { canLaunchPolls } from '../polls/PollsPage';
import { useCreateSurvey, type QuestionKind } from './api';
import './surveys.css';

export const KIND_LABELS: Record<QuestionKind, string> = {
  single: 'Choix unique', multiple: 'Choix multiples', scale: 'Échelle de 1 à 5', text: 'Texte court',
};
const CHOICES = new Set<QuestionKind>(['single', 'multiple']);

interface Draft { key: number; kind: QuestionKind }

/** Choices typed one per line. */
const linesOf = (text: string | undefined) => (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);

export default function NewSurveyPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement…">{(c) => <NewSurveyView c={c} />}</PageQuery>;
}

function NewSurveyView({ c }: { c: Community }) {
  useTitle(`Nouvelle mini-enquête – ${c.name}`);
  const create = useCreateSurvey(c.slug);
  const navigate = useNavigate();
  const [questions, setQuestions] = useState<Draft[]>([{ key: 1, kind: 'single' }]);
  const head = (
    <>
      <p className="small muted"><Link to={`/communautes/${c.slug}/enquetes`}>Mini-enquêtes de {c.name}</Link> ›</p>
      <h1>Nouvelle mini-enquête</h1>
    </>
  );
  if (!canLaunchPolls(c)) {
    return <div className="narrow stack">{head}<Alert tone="warning"><p>Seule l’animation de l’e-communauté peut lancer une mini-enquête.</p></Alert></div>;
  }
  const validate = (v: Record<string, string>): Errors => {
    const errors = check(v, { title: { required: true, max: LIMITS.postTitle }, description: { max: LIMITS.surveyDescription } });
    questions.forEach((q, i) => {
      if (!v[`q${q.key}.label`]?.trim()) errors[`q${q.key}.label`] = `Écrivez la question ${i + 1}.`;
      if (CHOICES.has(q.kind)) {
        const options = linesOf(v[`q${q.key}.options`]);
        if (options.length < LIMITS.surveyOptionsMin) errors[`q${q.key}.options`] = `Proposez au moins ${LIMITS.surveyOptionsMin} réponses, une par ligne.`;
        else if (new Set(options.map((o) => o.toLowerCase())).size !== options.length) errors[`q${q.key}.options`] = 'Deux réponses proposées sont identiques.';
      }
    });
    const closes = parisLocalToUtc(v.closesAt ?? '');
    if (!closes) errors.closesAt = 'Indiquez la date et l’heure de clôture.';
    else if (closes.getTime() <= Date.now()) errors.closesAt = 'La date de clôture doit être dans le futur.';
    return errors;
  };
  const labels: Record<string, string> = { title: 'Titre', description: 'Présentation', closesAt: 'Clôture' };
  questions.forEach((q, i) => {
    labels[`q${q.key}.label`] = `Question ${i + 1}`;
    labels[`q${q.key}.options`] = `Réponses proposées à la question ${i + 1}`;
  });
  return (
    <div className="narrow stack">
      {head}
      <Card>
        <Form
          aria-label="Nouvelle mini-enquête"
          labels={labels}
          validate={validate}
          onSubmit={async (v, data) => {
            const survey = await create.mutateAsync({
              title: v.title!.trim(),
              description: v.description ?? '',
              anonymous: data.get('anonymous') === 'true',
              closesAt: parisLocalToUtc(v.closesAt!)!.toISOString(),
              questions: questions.map((q) => ({
                kind: q.kind,
                label: v[`q${q.key}.label`]!.trim(),
                required: data.get(`q${q.key}.required`) === 'true',
                ...(CHOICES.has(q.kind) ? { options: linesOf(v[`q${q.key}.options`]) } : {}),
              })),
            });
            navigate(`/enquetes/${survey.id}`);
          }}
        >
          <TextField name="title" label="Titre" isRequired maxLength={LIMITS.postTitle} wide />
          <TextField name="description" label="Présentation (facultatif)" description="Pourquoi cette enquête, ce que l’animation fera des réponses." multiline rows={3} maxLength={LIMITS.surveyDescription} />
          <QuestionFields questions={questions} setQuestions={setQuestions} />
          <Checkbox name="anonymous" defaultSelected description="Les réponses sont enregistrées sans lien avec la personne : personne, animation comprise, ne peut savoir qui a répondu quoi.">
            Enquête anonyme
          </Checkbox>
          <DateTimeField name="closesAt" label="Clôture" description="Date et heure (heure de Paris) après lesquelles plus personne ne peut répondre." defaultValue={defaultClosing()} />
          <div className="form__actions">
            <Button type="submit" isPending={create.isPending}>Lancer la mini-enquête</Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}

/** The questions being written: kind, wording, choices (one per line), required or not. */
function QuestionFields({ questions, setQuestions }: { questions: Draft[]; setQuestions: (next: Draft[]) => void }) {
  const add = () => setQuestions([...questions, { key: Math.max(...questions.map((q) => q.key)) + 1, kind: 'single' }]);
  return (
    <>
      {questions.map((q, i) => (
        <fieldset key={q.key} className="survey-builder__question field--wide">
          <legend>Question {i + 1}</legend>
          <Select
            name={`q${q.key}.kind`}
            label="Type de réponse"
            value={q.kind}
            onChange={(kind) => setQuestions(questions.map((x) => (x.key === q.key ? { ...x, kind: kind as QuestionKind } : x)))}
            options={(Object.keys(KIND_LABELS) as QuestionKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          />
          <TextField name={`q${q.key}.label`} label="Intitulé" isRequired maxLength={LIMITS.surveyLabel} wide />
          {CHOICES.has(q.kind) ? (
            <TextField name={`q${q.key}.options`} label="Réponses proposées" description="Une réponse par ligne, 2 au moins." multiline rows={4} isRequired />
          ) : null}
          <Checkbox name={`q${q.key}.required`} defaultSelected>Réponse obligatoire</Checkbox>
          {questions.length > 1 ? (
            <div className="survey-builder__actions">
              <Button variant="ghost" small aria-label={`Retirer la question ${i + 1}`} onPress={() => setQuestions(questions.filter((x) => x.key !== q.key))}>
                Retirer
              </Button>
            </div>
          ) : null}
        </fieldset>
      ))}
      {questions.length < LIMITS.surveyQuestionsMax ? (
        <div>
          <Button variant="secondary" small onPress={add}>
            Ajouter une question
          </Button>
        </div>
      ) : null}
    </>
  );
}
