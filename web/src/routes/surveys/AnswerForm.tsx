import { Checkbox as AriaCheckbox, CheckboxGroup, Label, Radio, RadioGroup, Text } from 'react-aria-components';
import { LIMITS } from '../../../../common/limits';
import { Button, Form, TextField, type Errors } from '../../ui';
import { useAnswerSurvey, type AnswerInput, type Survey, type SurveyQuestion } from './api';

const SCALE = [1, 2, 3, 4, 5];

/** One group per question (each with its label as legend); the answers are sent once. */
export function AnswerForm({ survey }: { survey: Survey }) {
  const answer = useAnswerSurvey(survey.id);
  const name = (q: SurveyQuestion) => `q${q.id}`;
  const labels = Object.fromEntries(survey.questions.map((q, i) => [name(q), `Question ${i + 1}`]));
  const validate = (v: Record<string, string>, data: FormData): Errors => {
    const errors: Errors = {};
    for (const q of survey.questions) {
      const given = q.kind === 'text' ? (v[name(q)] ?? '').trim() !== '' : data.getAll(name(q)).length > 0;
      if (q.required && !given) errors[name(q)] = q.kind === 'text' ? 'Écrivez votre réponse.' : 'Choisissez une réponse.';
    }
    return errors;
  };
  return (
    <section className="card" aria-labelledby="survey-answer-title">
      <h2 id="survey-answer-title" className="card__title">Répondre</h2>
      <Form
        aria-labelledby="survey-answer-title"
        labels={labels}
        validate={validate}
        onSubmit={async (v, data) => {
          const answers: AnswerInput[] = [];
          for (const q of survey.questions) {
            const values = data.getAll(name(q)).map(String).filter(Boolean);
            if (q.kind === 'text' && v[name(q)]?.trim()) answers.push({ questionId: q.id, text: v[name(q)]!.trim() });
            if (q.kind === 'scale' && values[0]) answers.push({ questionId: q.id, value: Number(values[0]) });
            if ((q.kind === 'single' || q.kind === 'multiple') && values.length) answers.push({ questionId: q.id, optionIds: values.map(Number) });
          }
          await answer.mutateAsync(answers);
        }}
      >
        {survey.questions.map((q, i) => <QuestionField key={q.id} q={q} n={i + 1} name={name(q)} />)}
        <div className="form__actions">
          <Button type="submit" isPending={answer.isPending}>Envoyer mes réponses</Button>
        </div>
      </Form>
    </section>
  );
}

function QuestionField({ q, n, name }: { q: SurveyQuestion; n: number; name: string }) {
  const label = `${n}. ${q.label}${q.required ? '' : ' (facultatif)'}`;
  if (q.kind === 'text') {
    return <TextField name={name} label={label} description={`${LIMITS.surveyTextAnswer} caractères au plus. Lu par l’animation seulement.`} multiline rows={3} maxLength={LIMITS.surveyTextAnswer} wide />;
  }
  if (q.kind === 'multiple') {
    return (
      <CheckboxGroup name={name} className="checkbox-group poll-choices">
        <Label className="field__label">{label}</Label>
        <Text slot="description" className="field__description">Plusieurs réponses possibles.</Text>
        {q.options.map((o) => (
          <AriaCheckbox key={o.id} value={String(o.id)} className="checkbox">
            {({ isSelected }) => (<><span className="checkbox__box" aria-hidden="true">{isSelected ? '✓' : ''}</span><span>{o.label}</span></>)}
          </AriaCheckbox>
        ))}
      </CheckboxGroup>
    );
  }
  const choices = q.kind === 'scale' ? SCALE.map((v) => ({ id: v, label: String(v) })) : q.options;
  return (
    <RadioGroup name={name} className={`checkbox-group poll-choices${q.kind === 'scale' ? ' survey-scale-group' : ''}`} orientation={q.kind === 'scale' ? 'horizontal' : 'vertical'}>
      <Label className="field__label">{label}</Label>
      <Text slot="description" className="field__description">{q.kind === 'scale' ? 'De 1 (pas du tout) à 5 (tout à fait).' : 'Une seule réponse.'}</Text>
      <div className={q.kind === 'scale' ? 'survey-scale' : undefined}>
        {choices.map((o) => (
          <Radio key={o.id} value={String(o.id)} className="radio">
            {({ isSelected }) => (<><span className={`radio__dot${isSelected ? ' radio__dot--on' : ''}`} aria-hidden="true" /><span>{o.label}</span></>)}
          </Radio>
        ))}
      </div>
    </RadioGroup>
  );
}
