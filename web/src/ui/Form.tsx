import { createContext, useContext, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Form as AriaForm } from 'react-aria-components';
import { ApiError } from '../api/client';
import { Alert } from './Alert';

export type Values = Record<string, string>;
export type Errors = Record<string, string>;

interface FormCtx {
  idPrefix: string;
  errors: Errors;
}

const FormContext = createContext<FormCtx>({ idPrefix: 'f', errors: {} });

/** Id of a field's control, so the error summary can link to it. */
export function useFieldId(name: string, id?: string): { id: string; error: string | undefined } {
  const ctx = useContext(FormContext);
  return { id: id ?? `${ctx.idPrefix}-${name}`, error: ctx.errors[name] };
}

interface FormProps {
  /** Field name -> human label, used by the error summary. */
  labels?: Record<string, string>;
  validate?: (values: Values, data: FormData) => Errors;
  /** Throw an ApiError to show its message and per-field errors. */
  onSubmit: (values: Values, data: FormData, form: HTMLFormElement) => unknown;
  children: ReactNode;
  requiredNote?: boolean;
  'aria-label'?: string;
  'aria-labelledby'?: string;
  className?: string;
}

/**
 * A form with an error summary at the top (announced and focused on failure, each entry links to its field)
 * and per-field messages attached to their controls through React Aria.
 */
export function Form({ labels = {}, validate, onSubmit, children, requiredNote, className, ...aria }: FormProps) {
  const idPrefix = useId().replace(/:/g, '');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const busy = useRef(false);

  const fail = (fieldErrors: Errors, message: string | null) => {
    setErrors(fieldErrors);
    setFormError(message);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy.current) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const values: Values = {};
    data.forEach((value, key) => {
      if (typeof value === 'string' && !(key in values)) values[key] = value;
    });
    const clientErrors = validate?.(values, data) ?? {};
    if (Object.keys(clientErrors).length > 0) return fail(clientErrors, null);
    busy.current = true;
    try {
      setErrors({});
      setFormError(null);
      await onSubmit(values, data, form);
    } catch (error) {
      if (error instanceof ApiError) {
        const fields = error.fields;
        fail(fields, Object.keys(fields).length > 0 && error.code === 'VALIDATION_FAILED' ? null : error.message);
      } else {
        fail({}, 'Une erreur inattendue est survenue. Réessayez.');
      }
    } finally {
      busy.current = false;
    }
  };

  const entries = Object.entries(errors);
  const hasSummary = entries.length > 0 || formError !== null;
  return (
    <FormContext.Provider value={{ idPrefix, errors }}>
      <AriaForm
        {...aria}
        className={['form', className].filter(Boolean).join(' ')}
        validationBehavior="aria"
        validationErrors={errors}
        onSubmit={handleSubmit}
      >
        {hasSummary ? (
          <Alert ref={summaryRef} tone="error" title={entries.length > 0 ? errorTitle(entries.length) : undefined}>
            {formError ? <p>{formError}</p> : null}
            {entries.length > 0 ? (
              <ul>
                {entries.map(([name, message]) => (
                  <li key={name}>
                    <a
                      href={`#${idPrefix}-${name}`}
                      onClick={(e) => {
                        e.preventDefault();
                        const form = e.currentTarget.closest('form');
                        const target = form?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]:not([type="hidden"])`) ?? document.getElementById(`${idPrefix}-${name}`);
                        target?.focus();
                      }}
                    >
                      {labels[name] ? `${labels[name]} : ${message}` : message}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
        {requiredNote ? <p className="muted small">Tous les champs sont obligatoires, sauf mention « facultatif ».</p> : null}
        {children}
      </AriaForm>
    </FormContext.Provider>
  );
}

function errorTitle(n: number) {
  return n === 1 ? 'Le formulaire contient une erreur :' : `Le formulaire contient ${n} erreurs :`;
}

/** Helper for `validate`: required fields and length limits, with French messages. */
export function check(values: Values, rules: Record<string, { required?: boolean; max?: number; min?: number }>): Errors {
  const errors: Errors = {};
  for (const [name, rule] of Object.entries(rules)) {
    const value = (values[name] ?? '').trim();
    if (rule.required && value === '') errors[name] = 'Ce champ est obligatoire.';
    else if (rule.min !== undefined && value.length < rule.min) errors[name] = `Saisissez au moins ${rule.min} caractères.`;
    else if (rule.max !== undefined && value.length > rule.max) errors[name] = `Saisissez au plus ${rule.max} caractères.`;
  }
  return errors;
}
