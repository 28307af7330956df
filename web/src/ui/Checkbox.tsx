import type { ReactNode } from 'react';
import { Checkbox as AriaCheckbox } from 'react-aria-components';
import { useFieldId } from './Form';

interface CheckboxProps {
  name: string;
  children: ReactNode;
  description?: ReactNode;
  isRequired?: boolean;
  defaultSelected?: boolean;
  value?: string;
}

/** Checkbox with its label; the description (which may hold links) sits outside the label. */
export function Checkbox({ name, children, description, isRequired, defaultSelected, value = 'true' }: CheckboxProps) {
  const field = useFieldId(name);
  const describedBy = [description && `${field.id}-desc`, field.error && `${field.id}-err`].filter(Boolean).join(' ');
  return (
    <div className="field field--wide">
      <AriaCheckbox
        id={field.id}
        name={name}
        value={value}
        className="checkbox"
        isRequired={isRequired}
        isInvalid={Boolean(field.error)}
        defaultSelected={defaultSelected}
        aria-describedby={describedBy || undefined}
      >
        {({ isSelected }) => (
          <>
            <span className="checkbox__box" aria-hidden="true">{isSelected ? '✓' : ''}</span>
            <span>{children}</span>
          </>
        )}
      </AriaCheckbox>
      {description ? <span id={`${field.id}-desc`} className="field__description">{description}</span> : null}
      {field.error ? <span id={`${field.id}-err`} className="field__error">{field.error}</span> : null}
    </div>
  );
}
