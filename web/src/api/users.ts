import { useQuery } from '@tanstack/react-query';
import { api, qs } from './client';
import { keys } from './keys';
import type { UserHit, UserHitPage } from '../../../common/api/accounts';

export type { UserHit };

export function useUserSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: keys.userSearch(term),
    queryFn: () => api.get<UserHitPage>(`/users${qs({ q: term, limit: 10 })}`),
    enabled: term.length >= 2,
    staleTime: 30_000,
  });
}
