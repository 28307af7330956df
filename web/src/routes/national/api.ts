import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDateTime } from '../../lib/format';
import { api } from '../../api/client';
import type { Audience, NationalDashboard, RefreshResult, WizardInput, WizardResult } from '../../../../common/api/national';

/** API client of national steering (contracts: ./contracts-api.ts; the animators' network: ../network/api.ts) (docs/api.md). */

export type { NationalDashboard, WizardInput } from '../../../../common/api/national';

export function useNationalDashboard() {
  return useQuery({ queryKey: ['national', 'dashboard'], queryFn: () => api.get<NationalDashboard>('/national/dashboard') });
}

export function useRefreshNational() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<RefreshResult>('/national/dashboard/refresh'),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['national'] }),
  });
}

export function useCreateCommunity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: WizardInput) => api.post<WizardResult>('/national/communities', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['communities'] }),
  });
}

export function useAudience(slug: string, enabled: boolean) {
  return useQuery({ queryKey: ['audience', slug], enabled, queryFn: () => api.get<Audience>(`/communities/${slug}/audience`) });
}

export const euros = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
export const hoursLabel = (minutes: number) => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(minutes / 60)} h`;
/** "données du 29 novembre 2026 à 03 h 10" */
export function freshness(iso: string): string {
  return `données du ${formatDateTime(iso)}`;
}

