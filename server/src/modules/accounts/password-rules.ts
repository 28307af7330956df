import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LIMITS } from '../../../../common/limits.js';
import { AppError } from '../../lib/errors.js';

/**
 * Length is the only composition rule (NIST SP 800-63B / ANSSI); what matters besides
 * is refusing passwords that attackers try first. The list is ours, generated from
 * common French and English words, names, cities, keyboard walks and their usual suffixes.
 */
const COMMON = new Set(
  readFileSync(fileURLToPath(new URL('./common-passwords.txt', import.meta.url)), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean),
);

export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  // A single repeated character is as guessable as any listed word.
  return COMMON.has(p) || new Set(p).size <= 2;
}

/** Throws WEAK_PASSWORD or COMMON_PASSWORD, with the field named for forms. */
export function checkNewPassword(password: string, field = 'password'): void {
  if ([...password].length < LIMITS.passwordMin) {
    throw new AppError('WEAK_PASSWORD', undefined, { [field]: `Au moins ${LIMITS.passwordMin} caractères.` });
  }
  if (isCommonPassword(password)) {
    throw new AppError('COMMON_PASSWORD', undefined, { [field]: 'Mot de passe trop courant.' });
  }
}
