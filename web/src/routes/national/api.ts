import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDateTime } from '../../lib/format';
import { api, qs } from '../../api/client';
import type { Audience, NationalDashboard, RefreshResult, WizardInput, WizardResult } from '../../../../common/api/national';

/** API client of national steering and contracts (the animators' network: ../network/api.ts) (docs/api.md). */

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

interface Page<T> { items: T[]; nextCursor: string | null }

// --- Contracts and hours ---------------------------------------------------------------------------

export interface Scale { code: string; label: string; hourlyRateCents: number }
export interface Assignment {
  id: number; userId: number; userName: string; communityId: number; communityName: string; communitySlug: string;
  startsOn: string; endsOn: string | null; monthlyHours: number; scaleCode: string; hourlyRateCents: number; monthlyAmountCents: number;
}
export interface Statement {
  id: number; month: string; minutes: number; note: string; amountCents: number; declaredAt: string;
  validatedAt: string | null; validatedBy: string | null;
  assignment: Omit<Assignment, 'monthlyAmountCents'>;
  contributions: { veille: number; animation: number; redaction: number; total: number } | null;
  can: { validate: boolean };
}

export function useScales() {
  return useQuery({ queryKey: ['contracts', 'scales'], queryFn: () => api.get<Scale[]>('/contracts/scales') });
}
export function useSaveScale() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: Scale) => api.put<Scale[]>(`/contracts/scales/${encodeURIComponent(s.code)}`, { label: s.label, hourlyRateCents: s.hourlyRateCents }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['contracts'] }),
  });
}
export function useAssignments(community?: string) {
  return useInfiniteQuery({
    queryKey: ['contracts', 'assignments', community ?? null],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<Page<Assignment>>(`/contracts/assignments${qs({ community, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
export function useCreateAssignment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { userId: number; communitySlug: string; startsOn: string; endsOn?: string | null; monthlyHours?: number; scaleCode?: string }) =>
      api.post<Assignment>('/contracts/assignments', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['contracts'] }),
  });
}
export function useStatements(community?: string) {
  return useInfiniteQuery({
    queryKey: ['contracts', 'statements', community ?? null],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<Page<Statement>>(`/contracts/statements${qs({ community, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
export function useDeclareHours() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ assignmentId, ...body }: { assignmentId: number; month: string; hours: number; note: string }) =>
      api.post<Statement>(`/contracts/assignments/${assignmentId}/statements`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['contracts'] }),
  });
}
export function useStatement(id: number, enabled: boolean) {
  return useQuery({ queryKey: ['contracts', 'statement', id], enabled, queryFn: () => api.get<Statement>(`/contracts/statements/${id}`) });
}
export function useSetCeiling() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ assignmentId, month, ...body }: { assignmentId: number; month: string; hours: number; reason: string }) =>
      api.put<{ month: string; hours: number; reason: string }>(`/contracts/assignments/${assignmentId}/ceilings/${month}`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['contracts'] }),
  });
}
export function useValidateStatement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<Statement>(`/contracts/statements/${id}/validation`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['contracts'] }),
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

