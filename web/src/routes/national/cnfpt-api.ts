import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CnfptSource, CnfptSourceList, NewCnfptSource } from '../../../../common/api/cnfpt';

/** API client of the national CNFPT sources (docs/api.md, "ressources CNFPT"). */

export type { CnfptSource };

const key = ['national', 'cnfpt-sources'] as const;

export function useCnfptSources() {
  return useQuery({ queryKey: key, queryFn: () => api.get<CnfptSourceList>('/national/cnfpt-sources') });
}

export function useAddCnfptSource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewCnfptSource) => api.post<CnfptSource>('/national/cnfpt-sources', input),
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
