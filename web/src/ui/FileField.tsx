import type { Ref } from 'react';
import { useFieldId } from './Form';

/** Native file input wired to the form's error messages, like the design system's fields. */
export function FileField({ name, label, description, accept, isRequired = true, inputRef }: {
  name: string;
  label: string;
  description: string;
  accept: string;
  isRequired?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const field = useFieldId(name);
  return (
    <div className="field field--wide">
      <label className="field__label" htmlFor={field.id}>{label}</label>
      <span id={`${field.id}-desc`} className="field__description">{description}</span>
      <input
        ref={inputRef}
        id={field.id}
        name={name}
        type="file"
        accept={accept}
        className="input"
        aria-required={isRequired || undefined}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={[`${field.id}-desc`, field.error && `${field.id}-err`].filter(Boolean).join(' ')}
      />
      {field.error ? <span id={`${field.id}-err`} className="field__error">{field.error}</span> : null}
    </div>
  );
}
