import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { DetectResponse, Detection, PersonalDataKind } from '../../../../common/api/anonymisation';

export type { Detection } from '../../../../common/api/anonymisation';

export const KIND_LABELS: Record<PersonalDataKind, string> = {
  email: 'Adresse électronique',
  phone: 'Numéro de téléphone',
  nir: 'Numéro de sécurité sociale',
  address: 'Adresse postale',
  civility_name: 'Nom de personne',
  member: 'Nom d’un membre de la plateforme',
};

export function useDetect() {
  return useMutation({
    mutationFn: (text: string) => api.post<DetectResponse>('/anonymisation/detect', { text }),
  });
}

/**
 * Replaces one detection in the current text. The text may have changed since the check
 * (an earlier replacement, some typing): the occurrence nearest to the expected place wins.
 */
export function replaceOne(current: string, item: Detection, shift: number): { text: string; delta: number } | null {
  const expected = item.start + shift;
  if (current.slice(expected, expected + item.text.length) === item.text) {
    return { text: current.slice(0, expected) + item.replacement + current.slice(expected + item.text.length), delta: item.replacement.length - item.text.length };
  }
  let best = -1;
  for (let i = current.indexOf(item.text); i !== -1; i = current.indexOf(item.text, i + 1)) {
    if (best === -1 || Math.abs(i - expected) < Math.abs(best - expected)) best = i;
  }
  if (best === -1) return null;
  return { text: current.slice(0, best) + item.replacement + current.slice(best + item.text.length), delta: item.replacement.length - item.text.length };
}
