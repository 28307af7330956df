import { useFieldId } from './Form';

/**
 * A native date-and-time input, wired to the form's error summary like the other fields. The value is Paris
 * wall-clock time ("2026-05-12T18:00"): convert it with parisLocalToUtc (common/time) before sending.
 */
export function DateTimeField({ name, label, description, defaultValue }: { name: string; label: string; description: string; defaultValue: string }) {
  const field = useFieldId(name);
  const describedBy = [`${field.id}-desc`, field.error && `${field.id}-err`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label className="field__label" htmlFor={field.id}>{label}</label>
      <span id={`${field.id}-desc`} className="field__description">{description}</span>
      <input id={field.id} name={name} type="datetime-local" className="input" required defaultValue={defaultValue} aria-invalid={field.error ? true : undefined} aria-describedby={describedBy} />
      {field.error ? <span id={`${field.id}-err`} className="field__error">{field.error}</span> : null}
    </div>
  );
}
