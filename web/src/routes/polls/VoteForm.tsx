import { Checkbox as AriaCheckbox, CheckboxGroup, Label, Radio, RadioGroup, Text } from 'react-aria-components';
import { LIMITS } from '../../../../common/limits';
import { Button, Form, TextField, type Errors } from '../../ui';
import { useVote, type Poll } from './api';

/** The answer form: one radio group or one checkbox group (each with its legend), plus the optional free text. */
export function VoteForm({ poll }: { poll: Poll }) {
  const vote = useVote(poll.postId);
  const legendHelp = poll.multiple ? 'Plusieurs réponses possibles.' : 'Une seule réponse.';
  return (
    <Form
      aria-label={`Répondre au sondage « ${poll.title} »`}
      labels={{ optionIds: 'Votre réponse', freeText: 'Réponse libre' }}
      validate={(_v, data): Errors => (data.getAll('optionIds').length === 0 ? { optionIds: 'Choisissez au moins une réponse.' } : {})}
      onSubmit={async (v, data) => {
        const optionIds = data.getAll('optionIds').map((x) => Number(x));
        await vote.mutateAsync({ optionIds, ...(v.freeText?.trim() ? { freeText: v.freeText } : {}) });
      }}
    >
      {poll.multiple ? (
        <CheckboxGroup name="optionIds" className="checkbox-group poll-choices">
          <Label className="field__label">{poll.title}</Label>
          <Text slot="description" className="field__description">{legendHelp}</Text>
          {poll.options.map((o) => (
            <AriaCheckbox key={o.id} value={String(o.id)} className="checkbox">
              {({ isSelected }) => (
                <>
                  <span className="checkbox__box" aria-hidden="true">{isSelected ? '✓' : ''}</span>
                  <span>{o.label}</span>
                </>
              )}
            </AriaCheckbox>
          ))}
        </CheckboxGroup>
      ) : (
        <RadioGroup name="optionIds" className="checkbox-group poll-choices">
          <Label className="field__label">{poll.title}</Label>
          <Text slot="description" className="field__description">{legendHelp}</Text>
          {poll.options.map((o) => (
            <Radio key={o.id} value={String(o.id)} className="radio">
              {({ isSelected }) => (
                <>
                  <span className={`radio__dot${isSelected ? ' radio__dot--on' : ''}`} aria-hidden="true" />
                  <span>{o.label}</span>
                </>
              )}
            </Radio>
          ))}
        </RadioGroup>
      )}
      {poll.allowFreeText ? (
        <TextField
          name="freeText"
          label="Réponse libre (facultatif)"
          description="Visible seulement par l’animation, sans votre nom."
          multiline
          rows={3}
          maxLength={LIMITS.pollFreeText}
        />
      ) : null}
      <div className="form__actions">
        <Button type="submit" isPending={vote.isPending}>Envoyer ma réponse</Button>
      </div>
    </Form>
  );
}
