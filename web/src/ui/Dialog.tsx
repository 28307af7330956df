import type { ReactNode } from 'react';
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { Button, type Variant } from './Button';

interface ConfirmProps {
  /** Label of the button that opens the dialog. */
  triggerLabel: string;
  /** Accessible name of the trigger when the visible label is ambiguous in a list. */
  triggerAriaLabel?: string;
  triggerVariant?: Variant;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void | Promise<unknown>;
  isPending?: boolean;
  small?: boolean;
}

/** Asks before a destructive action; focus is trapped and Échap closes it. */
export function ConfirmDialog({ triggerLabel, triggerAriaLabel, triggerVariant = 'danger', title, children, confirmLabel, onConfirm, isPending, small }: ConfirmProps) {
  return (
    <DialogTrigger>
      <Button variant={triggerVariant} small={small} aria-label={triggerAriaLabel}>{triggerLabel}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog" role="alertdialog">
            {({ close }) => (
              <>
                <Heading slot="title">{title}</Heading>
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
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
