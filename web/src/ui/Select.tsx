import { useFieldId } from './Form';

export interface Option {
  value: string;
  label: string;
}

interface SelectProps {
  name: string;
  label: string;
  description?: string;
  options: readonly Option[];
  defaultValue?: string;
  value?: string;
  onChange?: (value: string) => void;
  isRequired?: boolean;
  placeholder?: string;
  multiple?: boolean;
  defaultValues?: string[];
  size?: number;
}

/**
 * Native select: the most robust choice for long lists (departements) on phones and with screen readers;
 * wired to the form's error context like the React Aria fields.
 */
export function Select({ name, label, description, options, isRequired, placeholder, onChange, multiple, defaultValues, defaultValue, ...props }: SelectProps) {
  const field = useFieldId(name);
  const describedBy = [description && `${field.id}-desc`, field.error && `${field.id}-err`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label className="field__label" htmlFor={field.id}>
        {label}
      </label>
      {description ? <span id={`${field.id}-desc`} className="field__description">{description}</span> : null}
      <select
        {...props}
        id={field.id}
        name={name}
        multiple={multiple}
        defaultValue={multiple ? defaultValues : defaultValue ?? (props.value === undefined ? '' : undefined)}
        className="input"
        aria-required={isRequired || undefined}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={onChange ? (e) => onChange(e.target.value) : undefined}
      >
        {placeholder !== undefined && !multiple ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
      {field.error ? <span id={`${field.id}-err`} className="field__error">{field.error}</span> : null}
    </div>
  );
}
