import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { EmailPreference, EmailPreferenceList, Frequency, Unsubscribed } from '../../../../common/api/email-prefs';

export type { EmailPreference, Frequency } from '../../../../common/api/email-prefs';

export const FREQUENCY_OPTIONS: { value: Frequency; label: string }[] = [
  { value: 'immediately', label: 'Immédiatement' },
  { value: 'daily', label: 'Résumé quotidien' },
  { value: 'weekly', label: 'Résumé hebdomadaire' },
  { value: 'never', label: 'Jamais' },
];

const key = ['me', 'email-preferences'] as const;

export function useEmailPreferences() {
  return useQuery({ queryKey: key, queryFn: () => api.get<EmailPreferenceList>('/me/email-preferences') });
}

export function useSaveEmailPreferences() {
  const client = useQueryClient();
  return useMutation({
    // One request per changed community: the server keeps one row per (member, community).
    mutationFn: async (changes: { communityId: number; frequency: Frequency }[]) => {
      for (const c of changes) await api.put<EmailPreference>(`/me/email-preferences/${c.communityId}`, { frequency: c.frequency });
    },
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useUnsubscribe() {
  return useMutation({
    mutationFn: (token: string) => api.post<Unsubscribed>(`/email/unsubscribe?token=${encodeURIComponent(token)}`),
  });
}
