import { forwardRef, type ReactNode } from 'react';

export type Tone = 'info' | 'success' | 'warning' | 'error';

interface AlertProps {
  tone?: Tone;
  title?: string;
  children?: ReactNode;
  /** Errors interrupt (role=alert); other notices are polite (role=status). */
  live?: boolean;
}

export const Alert = forwardRef<HTMLDivElement, AlertProps>(function Alert(
  { tone = 'info', title, children, live = true },
  ref,
) {
  const role = !live ? undefined : tone === 'error' ? 'alert' : 'status';
  return (
    <div ref={ref} className={`alert alert--${tone}`} role={role} tabIndex={-1}>
      {title ? <p className="alert__title">{title}</p> : null}
      {children}
    </div>
  );
});
