import { AppError } from './errors.js';

/** The names of the abilities of a policy's `can` object. */
type Ability<C> = { [K in keyof C]: C[K] extends boolean ? K : never }[keyof C];

/**
 * FORBIDDEN (403) unless the `can` object of the module's policy allows `action`. The route decides with the same
 * object the client receives to show or hide its buttons, so the page and the server never disagree.
 */
export function authorize<C extends object>(can: C, action: Ability<C>, message?: string): void {
  if (!can[action]) throw new AppError('FORBIDDEN', message);
}
