import { useQuery } from '@tanstack/react-query';
import { api, qs } from './client';
import { keys } from './keys';
import type { Page, UserRef } from './types';

export type UserHit = UserRef & { employer: string; job: string };

export function useUserSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: keys.userSearch(term),
    queryFn: () => api.get<Page<UserHit>>(`/users${qs({ q: term, limit: 10 })}`),
    enabled: term.length >= 2,
    staleTime: 30_000,
  });
}
