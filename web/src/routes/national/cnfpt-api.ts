import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CnfptResourceType } from '../../../../common/cnfpt';
import { api } from '../../api/client';

/** API client of the national CNFPT sources (docs/api.md, "ressources CNFPT"). */

export interface CnfptSource {
  id: number;
  url: string;
  title: string;
  resourceType: CnfptResourceType;
  createdAt: string;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  error: { message: string; at: string; failuresInARow: number } | null;
  itemCount: number;
}

const key = ['national', 'cnfpt-sources'] as const;

export function useCnfptSources() {
  return useQuery({ queryKey: key, queryFn: () => api.get<{ items: CnfptSource[] }>('/national/cnfpt-sources') });
}

export function useAddCnfptSource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { url: string; title?: string; resourceType: CnfptResourceType }) => api.post<CnfptSource>('/national/cnfpt-sources', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteCnfptSource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ ok: true }>(`/national/cnfpt-sources/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });
}
