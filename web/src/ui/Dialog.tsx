import type { ReactNode } from 'react';
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { Button, type Variant } from './Button';
import { Form, type Errors, type Values } from './Form';
import { QueryState, type QueryLike } from './QueryState';

interface TriggerProps {
  /** Label of the button that opens the dialog; unused when the dialog is opened by code (`isOpen`). */
  triggerLabel?: string;
  /** Accessible name of the trigger when the visible label is ambiguous in a list. */
  triggerAriaLabel?: string;
  triggerVariant?: Variant;
  small?: boolean;
  /** Called when the dialog opens or closes, e.g. to load what it needs only once opened. */
  onOpenChange?: (isOpen: boolean) => void;
  /**
   * Opened by code rather than by a button (e.g. when the server asks to confirm the password): no trigger is
   * drawn, and focus goes back where it was when the dialog closes.
   */
  isOpen?: boolean;
}

interface ShellProps extends TriggerProps {
  title: ReactNode;
  /** `alertdialog` when the dialog asks before an irreversible action. */
  role?: 'dialog' | 'alertdialog';
  /** Classes added to `modal`, e.g. to let a long dialog scroll. */
  modalClassName?: string;
  children: (close: () => void) => ReactNode;
}

/**
 * A button and the modal dialog it opens, named by its heading. Focus is trapped inside, Échap and a click
 * outside close it, and focus returns to the button.
 */
function ModalDialog({ triggerLabel, triggerAriaLabel, triggerVariant, small, onOpenChange, isOpen, title, role, modalClassName, children }: ShellProps) {
  const controlled = isOpen !== undefined;
  const overlay = (
    <ModalOverlay className="modal-overlay" isDismissable {...(controlled ? { isOpen, onOpenChange } : {})}>
      <Modal className={['modal', modalClassName].filter(Boolean).join(' ')}>
        <Dialog className="dialog" role={role}>
          {({ close }) => (
            <>
              <Heading slot="title">{title}</Heading>
              {children(close)}
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
  if (controlled) return overlay;
  return (
    <DialogTrigger onOpenChange={onOpenChange}>
      <Button variant={triggerVariant} small={small} aria-label={triggerAriaLabel}>{triggerLabel}</Button>
      {overlay}
    </DialogTrigger>
  );
}

interface ConfirmProps extends TriggerProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void | Promise<unknown>;
  isPending?: boolean;
}

/** Asks before a destructive action; focus is trapped and Échap closes it. */
export function ConfirmDialog({ triggerVariant = 'danger', title, children, confirmLabel, onConfirm, isPending, ...trigger }: ConfirmProps) {
  return (
    <ModalDialog {...trigger} triggerVariant={triggerVariant} title={title} role="alertdialog">
      {(close) => (
        <>
          <div className="stack">{children}</div>
          <div className="form__actions" style={{ marginTop: 'var(--sp-5)' }}>
            <Button
              variant="danger"
              isPending={isPending}
              onPress={async () => {
                try {
                  await onConfirm();
                } finally {
                  close();
                }
              }}
            >
              {confirmLabel}
            </Button>
            <Button variant="secondary" onPress={close} autoFocus>Annuler</Button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}

interface FormDialogBase extends TriggerProps, Omit<ShellProps, 'children' | keyof TriggerProps> {
  /** What the dialog is about, between its heading and its form. */
  intro?: ReactNode;
  /** Accessible name of the form, when the dialog's heading is not enough. */
  formLabel?: string;
  /** Field name -> human label, for the form's error summary. */
  labels: Record<string, string>;
  validate?: (values: Values, data: FormData) => Errors;
  /**
   * Runs on a valid submission; the dialog closes once it resolves, unless it resolves to `false`.
   * Throw an ApiError to show it in the form.
   */
  onSubmit: (values: Values, data: FormData) => unknown;
  submitLabel: string;
  submitVariant?: Variant;
  isPending?: boolean;
  /** Focuses « Annuler » on opening (irreversible actions) instead of leaving focus to the fields. */
  focusCancel?: boolean;
}

type FormDialogProps<T> = FormDialogBase & (
  | { query?: never; loading?: never; /** The form's fields. */ children: ReactNode }
  | {
    /** What the fields need (e.g. a list of reasons): until it has loaded, its loading or error state stands in for the form. */
    query: QueryLike<T>;
    /** Label of the spinner while `query` loads. */
    loading?: string;
    /** The form's fields, made from the loaded data. */
    children: (data: T) => ReactNode;
  }
);

/**
 * A button that opens a form in a modal dialog: the fields, then the submit and « Annuler » buttons.
 * The form shows its errors itself (summary and per field); the dialog closes after a successful submission.
 * With `query`, the form appears once its data has loaded.
 */
export function FormDialog<T>({
  triggerVariant = 'secondary', intro, formLabel, labels, validate, onSubmit, submitLabel, submitVariant = 'primary', isPending, focusCancel,
  query, loading, children, ...shell
}: FormDialogProps<T>) {
  return (
    <ModalDialog {...shell} triggerVariant={triggerVariant}>
      {(close) => {
        const form = (fields: ReactNode) => (
          <Form
            aria-label={formLabel}
            labels={labels}
            validate={validate}
            onSubmit={async (values, data) => {
              if ((await onSubmit(values, data)) !== false) close();
            }}
          >
            {fields}
            <div className="form__actions">
              <Button type="submit" variant={submitVariant} isPending={isPending}>{submitLabel}</Button>
              <Button variant="secondary" onPress={close} autoFocus={focusCancel}>Annuler</Button>
            </div>
          </Form>
        );
        return (
          <>
            {intro}
            {typeof children !== 'function' ? form(children)
              : query ? <QueryState query={query} loading={loading}>{(data) => form(children(data))}</QueryState>
              : null}
          </>
        );
      }}
    </ModalDialog>
  );
}
