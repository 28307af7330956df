import { FieldError, Input, Label, Text, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { useFieldId } from './Form';

interface TextFieldProps {
  name: string;
  label: string;
  description?: string;
  type?: 'text' | 'email' | 'password' | 'search' | 'date' | 'url' | 'tel';
  isRequired?: boolean;
  multiline?: boolean;
  rows?: number;
  defaultValue?: string;
  value?: string;
  onChange?: (value: string) => void;
  autoComplete?: string;
  maxLength?: number;
  wide?: boolean;
  id?: string;
  placeholder?: string;
  autoFocus?: boolean;
}

/**
 * Labelled text input or text area, with optional description and its error message.
 * The message stays until the form is submitted again: if it vanished when the field loses focus, the submit
 * button would jump up under the pointer between mousedown and mouseup and the click would be lost.
 */
export function TextField({ name, label, description, multiline, rows = 6, wide, id, placeholder, ...props }: TextFieldProps) {
  const field = useFieldId(name, id);
  return (
    <AriaTextField
      {...props}
      id={field.id}
      name={name}
      isInvalid={field.error ? true : undefined}
      className={`field${wide || multiline ? ' field--wide' : ''}`}
    >
      <Label className="field__label">
        {label}
      </Label>
      {description ? <Text slot="description" className="field__description">{description}</Text> : null}
      {multiline ? (
        <TextArea className="input" rows={rows} placeholder={placeholder} />
      ) : (
        <Input className="input" placeholder={placeholder} />
      )}
      <FieldError className="field__error">{field.error}</FieldError>
    </AriaTextField>
  );
}
