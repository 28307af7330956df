import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type { AnimatorDashboard, TargetInput, Targets } from '../../../../common/api/steering';

/** API client of the steering module (docs/api.md, "Pilotage"). */

export type { AnimatorDashboard, FamilyFigure, Targets, TeamRow, TopPost } from '../../../../common/api/steering';

const skey = (slug: string) => ['steering', slug] as const;

export function useAnimatorDashboard(slug: string, month: string, animatorId?: number) {
  return useQuery({
    queryKey: [...skey(slug), 'animator', month, animatorId ?? null],
    queryFn: () => api.get<AnimatorDashboard>(`/communities/${slug}/steering/animator${qs({ month, animatorId })}`),
    placeholderData: keepPreviousData,
  });
}

export function useSetTarget(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TargetInput) => api.put<Targets>(`/communities/${slug}/steering/target`, input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: skey(slug) }),
  });
}

export function useResetTarget(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId?: number) => api.delete<Targets>(`/communities/${slug}/steering/target${qs({ userId })}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: skey(slug) }),
  });
}
