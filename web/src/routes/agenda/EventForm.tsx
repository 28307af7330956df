import { useState } from 'react';
import { Checkbox as AriaCheckbox, FieldError, Input, Label, TextField as AriaTextField } from 'react-aria-components';
import { LIMITS } from '../../../../common/limits';
import { Button, Form, TextField, check, type Values } from '../../ui';
import { useFieldId } from '../../ui/Form';
import { MARKDOWN_HELP } from '../community/PublishForm';
import type { AgendaEvent, EventInput } from './api';

const LABELS: Record<string, string> = {
  title: 'Titre', body: 'Présentation', startDate: 'Date de début', startTime: 'Heure de début',
  endDate: 'Date de fin', endTime: 'Heure de fin', place: 'Lieu', onlineUrl: 'Lien de la réunion en ligne',
  registrationUrl: 'Lien d’inscription', organiser: 'Organisateur',
};

const orNull = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : null);

/** What the form sends, from its values. */
function toInput(v: Values, allDay: boolean): EventInput {
  return {
    allDay,
    startDate: v.startDate ?? '',
    startTime: allDay ? null : orNull(v.startTime),
    endDate: v.endDate ?? '',
    endTime: allDay ? null : orNull(v.endTime),
    place: orNull(v.place),
    onlineUrl: orNull(v.onlineUrl),
    registrationUrl: orNull(v.registrationUrl),
    organiser: orNull(v.organiser),
  };
}

function validate(v: Values, allDay: boolean, withPost: boolean) {
  const errors = check(v, {
    ...(withPost ? { title: { required: true, max: LIMITS.postTitle }, body: { required: true, max: LIMITS.postBody } } : {}),
    startDate: { required: true }, endDate: { required: true },
    ...(allDay ? {} : { startTime: { required: true }, endTime: { required: true } }),
  });
  if (!errors.endDate && !errors.startDate && v.endDate! < v.startDate!) errors.endDate = 'La fin doit venir après le début.';
  return errors;
}

interface Props {
  /** Editing an existing event (its title and text are edited on the post itself). */
  event?: AgendaEvent;
  submitLabel: string;
  isPending: boolean;
  onSubmit: (input: EventInput) => Promise<unknown>;
  labelledBy: string;
  autoFocus?: boolean;
}

/**
 * Adding or changing an event. Dates and times are entered as Paris time with native date and
 * time inputs (each with its label), which every browser and screen reader knows.
 */
export function EventForm({ event, submitLabel, isPending, onSubmit, labelledBy, autoFocus }: Props) {
  const [allDay, setAllDay] = useState(event?.allDay ?? false);
  const withPost = !event;
  return (
    <Form
      aria-labelledby={labelledBy}
      labels={LABELS}
      requiredNote
      validate={(v) => validate(v, allDay, withPost)}
      onSubmit={async (v, _d, form) => {
        const input = toInput(v, allDay);
        await onSubmit(withPost ? { ...input, title: v.title!.trim(), body: v.body! } : input);
        if (withPost) {
          form.reset();
          setAllDay(false);
        }
      }}
    >
      {withPost ? (
        <>
          <TextField name="title" label="Titre" isRequired maxLength={LIMITS.postTitle} wide autoFocus={autoFocus} />
          <TextField name="body" label="Présentation" description={MARKDOWN_HELP} multiline rows={4} isRequired maxLength={LIMITS.postBody} />
        </>
      ) : null}
      <AriaCheckbox className="checkbox field--wide" isSelected={allDay} onChange={setAllDay}>
        {({ isSelected }) => (
          <>
            <span className="checkbox__box" aria-hidden="true">{isSelected ? '✓' : ''}</span>
            <span>Toute la journée</span>
          </>
        )}
      </AriaCheckbox>
      <fieldset className="event-form__when">
        <legend>Début (heure de Paris)</legend>
        <DateTimeInput name="startDate" label="Date de début" type="date" defaultValue={event?.startDate} />
        {allDay ? null : <DateTimeInput name="startTime" label="Heure de début" type="time" defaultValue={event?.startTime ?? undefined} />}
      </fieldset>
      <fieldset className="event-form__when">
        <legend>Fin (heure de Paris)</legend>
        <DateTimeInput name="endDate" label="Date de fin" type="date" defaultValue={event?.endDate} />
        {allDay ? null : <DateTimeInput name="endTime" label="Heure de fin" type="time" defaultValue={event?.endTime ?? undefined} />}
      </fieldset>
      <p className="muted small field--wide">
        Lors des changements d’heure, une heure qui n’existe pas (fin mars, entre 2 h et 3 h) est avancée d’une heure ;
        une heure qui existe deux fois (fin octobre) désigne la première.
      </p>
      <TextField name="place" label="Lieu (facultatif)" description="Adresse ou salle." maxLength={LIMITS.eventPlace} defaultValue={event?.place ?? ''} wide />
      <TextField name="onlineUrl" label="Lien de la réunion en ligne (facultatif)" type="url" description="Adresse commençant par https://" maxLength={LIMITS.eventUrl} defaultValue={event?.onlineUrl ?? ''} wide />
      <TextField name="registrationUrl" label="Lien d’inscription (facultatif)" type="url" description="Adresse commençant par https://" maxLength={LIMITS.eventUrl} defaultValue={event?.registrationUrl ?? ''} wide />
      <TextField name="organiser" label="Organisateur (facultatif)" maxLength={LIMITS.eventOrganiser} defaultValue={event?.organiser ?? ''} wide />
      <div className="form__actions">
        <Button type="submit" isPending={isPending}>{submitLabel}</Button>
      </div>
    </Form>
  );
}

/** A labelled native date or time input, with its error message from the form. */
function DateTimeInput({ name, label, type, defaultValue }: { name: string; label: string; type: 'date' | 'time'; defaultValue?: string }) {
  const field = useFieldId(name);
  return (
    <AriaTextField id={field.id} name={name} type={type} isRequired defaultValue={defaultValue} className="field">
      <Label className="field__label">{label}</Label>
      <Input className="input" />
      <FieldError className="field__error" />
    </AriaTextField>
  );
}
