import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type {
  Assignment, AssignmentPage, Ceiling, CeilingInput, Declaration, NewAssignment, Scale, ScaleList, Statement, StatementPage,
} from '../../../../common/api/contracts';

/** API client of contracts and hours: pay scales, assignments, ceilings, service statements (docs/api.md). */

export type { Assignment, Statement } from '../../../../common/api/contracts';

export function useScales() {
  return useQuery({ queryKey: ['contracts', 'scales'], queryFn: () => api.get<ScaleList>('/contracts/scales') });
}
export function useSaveScale() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: Scale) => api.put<ScaleList>(`/contracts/scales/${encodeURIComponent(s.code)}`, { label: s.label, hourlyRateCents: s.hourlyRateCents }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['contracts'] }),
  });
}
export function useAssignments(community?: string) {
  return useInfiniteQuery({
    queryKey: ['contracts', 'assignments', community ?? null],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<AssignmentPage>(`/contracts/assignments${qs({ community, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
export function useCreateAssignment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewAssignment) => api.post<Assignment>('/contracts/assignments', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['contracts'] }),
  });
}
export function useStatements(community?: string) {
  return useInfiniteQuery({
    queryKey: ['contracts', 'statements', community ?? null],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<StatementPage>(`/contracts/statements${qs({ community, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
export function useDeclareHours() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ assignmentId, ...body }: Declaration & { assignmentId: number }) =>
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
    mutationFn: ({ assignmentId, month, ...body }: CeilingInput & { assignmentId: number; month: string }) =>
      api.put<Ceiling>(`/contracts/assignments/${assignmentId}/ceilings/${month}`, body),
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
