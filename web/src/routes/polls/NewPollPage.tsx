import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { addDays, parisLocalToUtc, parisToday } from '../../../../common/time';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Card, Checkbox, DateTimeField, Form, Select, TextField, check, type Errors } from '../../ui';
import { useCreatePoll } from './api';
import { canLaunchPolls } from './PollsPage';
import './polls.css';

export default function NewPollPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement…">{(c) => <NewPollView c={c} />}</PageQuery>;
}

/** Default closing: one week ahead, at 18:00 Paris time, as a datetime-local value. */
export function defaultClosing(): string {
  return `${addDays(parisToday(), 7)}T18:00`;
}

function NewPollView({ c }: { c: Community }) {
  useTitle(`Nouveau sondage – ${c.name}`);
  const create = useCreatePoll(c.slug);
  const navigate = useNavigate();
  const [options, setOptions] = useState<{ key: number; value: string }[]>([{ key: 1, value: '' }, { key: 2, value: '' }]);
  const [nextKey, setNextKey] = useState(3);
  const head = (
    <>
      <p className="small muted"><Link to={`/communautes/${c.slug}/sondages`}>Sondages de {c.name}</Link> ›</p>
      <h1>Nouveau sondage</h1>
    </>
  );
  if (!canLaunchPolls(c)) {
    return <div className="narrow stack">{head}<Alert tone="warning"><p>Seule l’animation de l’e-communauté peut lancer un sondage.</p></Alert></div>;
  }
  const validate = (v: Record<string, string>): Errors => {
    const errors = check(v, { title: { required: true, max: LIMITS.postTitle }, body: { max: LIMITS.postBody } });
    const filled = options.map((o) => o.value.trim()).filter(Boolean);
    if (filled.length < LIMITS.pollOptionsMin) errors['option-0'] = `Proposez au moins ${LIMITS.pollOptionsMin} réponses.`;
    else if (new Set(filled.map((x) => x.toLowerCase())).size !== filled.length) errors['option-0'] = 'Deux réponses proposées sont identiques.';
    const closes = parisLocalToUtc(v.closesAt ?? '');
    if (!closes) errors.closesAt = 'Indiquez la date et l’heure de clôture.';
    else if (closes.getTime() <= Date.now()) errors.closesAt = 'La date de clôture doit être dans le futur.';
    return errors;
  };
  return (
    <div className="narrow stack">
      {head}
      <Card>
        <Form
          aria-label="Nouveau sondage"
          labels={{ title: 'Question', body: 'Contexte', 'option-0': 'Réponses proposées', options: 'Réponses proposées', closesAt: 'Clôture' }}
          validate={validate}
          onSubmit={async (v, data) => {
            const poll = await create.mutateAsync({
              title: v.title!.trim(),
              body: v.body ?? '',
              options: options.map((o) => o.value.trim()).filter(Boolean),
              multiple: data.get('multiple') === 'true',
              allowFreeText: data.get('allowFreeText') === 'true',
              closesAt: parisLocalToUtc(v.closesAt!)!.toISOString(),
              resultsVisibility: v.resultsVisibility === 'after_close' ? 'after_close' : 'live',
            });
            navigate(`/publications/${poll.postId}`);
          }}
        >
          <TextField name="title" label="Question" isRequired maxLength={LIMITS.postTitle} wide />
          <TextField name="body" label="Contexte (facultatif)" description="Markdown accepté." multiline rows={3} maxLength={LIMITS.postBody} />
          <fieldset className="option-rows field--wide">
            <legend className="field__label">Réponses proposées</legend>
            {options.map((o, i) => (
              <div key={o.key} className="option-rows__row">
                <TextField
                  name={`option-${i}`}
                  label={`Réponse ${i + 1}`}
                  value={o.value}
                  onChange={(value) => setOptions(options.map((x) => (x.key === o.key ? { ...x, value } : x)))}
                  maxLength={LIMITS.pollOptionLabel}
                />
                {options.length > LIMITS.pollOptionsMin ? (
                  <Button variant="ghost" small aria-label={`Retirer la réponse ${i + 1}`} onPress={() => setOptions(options.filter((x) => x.key !== o.key))}>
                    Retirer
                  </Button>
                ) : null}
              </div>
            ))}
            {options.length < LIMITS.pollOptionsMax ? (
              <div>
                <Button variant="secondary" small onPress={() => { setOptions([...options, { key: nextKey, value: '' }]); setNextKey(nextKey + 1); }}>
                  Ajouter une réponse
                </Button>
              </div>
            ) : null}
          </fieldset>
          <Checkbox name="multiple">Plusieurs réponses possibles</Checkbox>
          <Checkbox name="allowFreeText" description="Les réponses libres sont anonymes et visibles par l’animation seulement.">
            Ajouter un champ de réponse libre
          </Checkbox>
          <DateTimeField name="closesAt" label="Clôture" description="Date et heure (heure de Paris) après lesquelles plus personne ne peut répondre." defaultValue={defaultClosing()} />
          <Select
            name="resultsVisibility"
            label="Visibilité des résultats"
            defaultValue="live"
            options={[
              { value: 'live', label: 'Visibles par tous pendant le sondage' },
              { value: 'after_close', label: 'Visibles par les membres à la clôture seulement' },
            ]}
          />
          <div className="form__actions">
            <Button type="submit" isPending={create.isPending}>Lancer le sondage</Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
