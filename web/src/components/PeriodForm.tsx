import { useState } from 'react';
import { addDays, parisToday } from '../../../common/time';
import { Button, Form, TextField, type Errors, type Values } from '../ui';

/** A period of whole days, bounds as 'YYYY-MM-DD' (Paris dates), both included. */
export interface Period {
  from: string;
  to: string;
}

/** The period a figures panel shows: at first the `days` days up to today in Paris, then what its form chose. */
export function useRecentPeriod(days: number): [Period, (period: Period) => void] {
  const [period, setPeriod] = useState(() => {
    const today = parisToday();
    return { from: addDays(today, -(days - 1)), to: today };
  });
  return [period, setPeriod];
}

interface PeriodFormProps {
  'aria-label': string;
  period: Period;
  onChange: (period: Period) => void;
  /** Each panel words its own messages for a missing or reversed date. */
  validate: (values: Values) => Errors;
  rowClassName?: string;
}

/** The "Du … Au … Afficher" form above a figures panel. */
export function PeriodForm({ period, onChange, validate, rowClassName = 'row', ...aria }: PeriodFormProps) {
  return (
    <Form {...aria} labels={{ from: 'Du', to: 'Au' }} validate={validate} onSubmit={(v) => onChange({ from: v.from!, to: v.to! })}>
      <div className={rowClassName}>
        <TextField name="from" type="date" label="Du" defaultValue={period.from} isRequired />
        <TextField name="to" type="date" label="Au" defaultValue={period.to} isRequired />
        <Button type="submit" variant="secondary">Afficher</Button>
      </div>
    </Form>
  );
}
