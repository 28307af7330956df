import type { ReactNode, Ref } from 'react';
import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components';
import { Link as RouterLink, type LinkProps as RouterLinkProps } from 'react-router';
import { Spinner } from './Spinner';

export type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

function classes(variant: Variant, small?: boolean, extra?: string) {
  return ['btn', variant !== 'primary' && `btn--${variant}`, small && 'btn--small', extra].filter(Boolean).join(' ');
}

export interface ButtonProps extends Omit<AriaButtonProps, 'className' | 'children'> {
  variant?: Variant;
  small?: boolean;
  className?: string;
  children: ReactNode;
  /** To give the focus back to the button (React 19 passes refs as props). */
  ref?: Ref<HTMLButtonElement>;
}

/** A button; while `isPending` it stays focusable and announces the wait. */
export function Button({ variant = 'primary', small, className, children, isPending, ...props }: ButtonProps) {
  return (
    <AriaButton {...props} isPending={isPending} className={classes(variant, small, className)}>
      {isPending ? <Spinner label="" inline /> : null}
      {children}
    </AriaButton>
  );
}

export interface ButtonLinkProps extends RouterLinkProps {
  variant?: Variant;
  small?: boolean;
}

/** A navigation link that looks like a button (it still is a link for assistive technologies). */
export function ButtonLink({ variant = 'primary', small, className, ...props }: ButtonLinkProps) {
  return <RouterLink {...props} className={classes(variant, small, className)} />;
}
