import { useId, useState } from 'react';
import { useFieldId } from './Form';
import './month-field.css';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

interface Props {
  /** The group's name (« Mois », « Premier mois analysé »). */
  label: string;
  /** 'YYYY-MM'. Controlled when given. */
  value?: string;
  defaultValue?: string;
  onChange?: (month: string) => void;
  /** Submitted with the form under this name, as 'YYYY-MM' (a hidden input). */
  name?: string;
  /** Bounds, 'YYYY-MM'. Without them: five years back, one year ahead of `value`. */
  min?: string;
  max?: string;
}

const split = (month: string) => month.split('-').map(Number) as [number, number];
const join = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/**
 * A month chosen with two native selects (month, year) in a labelled group. Replaces `<input type="month">`, which
 * Firefox and Safari show as a plain text field: native selects work in every browser, on phones (the system's
 * picker) and with screen readers, like the project's other selects (ui/Select).
 */
export function MonthField({ label, value, defaultValue, onChange, name, min, max }: Props) {
  const ownId = useId();
  // Inside a Form, the month's select carries the field's id (the error summary links to it) and its error.
  const field = useFieldId(name ?? '', name ? undefined : ownId);
  const id = field.id;
  const errorId = field.error ? `${id}-err` : undefined;
  const [own, setOwn] = useState(value ?? defaultValue ?? '');
  const current = value ?? own;
  const [year, month] = current ? split(current) : [new Date().getFullYear(), new Date().getMonth() + 1];
  const [minYear, minMonth] = min ? split(min) : [year - 5, 1];
  const [maxYear, maxMonth] = max ? split(max) : [year + 1, 12];
  const outOfRange = (y: number, m: number) => (y === minYear && m < minMonth) || (y === maxYear && m > maxMonth);

  const set = (y: number, m: number) => {
    // A year change that would land outside the bounds keeps the nearest allowed month.
    const clamped = y === maxYear && m > maxMonth ? maxMonth : y === minYear && m < minMonth ? minMonth : m;
    const next = join(y, clamped);
    setOwn(next);
    onChange?.(next);
  };
  const years: number[] = [];
  for (let y = maxYear; y >= minYear; y--) years.push(y);

  return (
    <fieldset className="month-field">
      <legend className="field__label">{label}</legend>
      <div className="month-field__selects">
        <label className="visually-hidden" htmlFor={id}>Mois</label>
        <select id={id} className="input" aria-invalid={errorId ? true : undefined} aria-describedby={errorId} value={month} onChange={(e) => set(year, Number(e.target.value))}>
          {MONTHS.map((m, i) => <option key={m} value={i + 1} disabled={outOfRange(year, i + 1)}>{m}</option>)}
        </select>
        <label className="visually-hidden" htmlFor={`${id}-y`}>Année</label>
        <select id={`${id}-y`} className="input" aria-invalid={errorId ? true : undefined} aria-describedby={errorId} value={year} onChange={(e) => set(Number(e.target.value), month)}>
          {years.map((y) => <option key={y} value={y}>{y}</option>)}
        </select>
      </div>
      {field.error ? <span id={errorId} className="field__error">{field.error}</span> : null}
      {name ? <input type="hidden" name={name} value={current ? join(year, month) : ''} /> : null}
    </fieldset>
  );
}
