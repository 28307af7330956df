import { useQuery } from '@tanstack/react-query';
import { api, qs } from './client';
import { keys } from './keys';
import type { Page, PublicProfile, UserRef } from './types';

export type UserHit = UserRef & { employer: string; job: string };

export function useUser(id: number) {
  return useQuery({
    queryKey: keys.user(id),
    queryFn: () => api.get<PublicProfile>(`/users/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useUserSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: keys.userSearch(term),
    queryFn: () => api.get<Page<UserHit>>(`/users${qs({ q: term, limit: 10 })}`),
    enabled: term.length >= 2,
    staleTime: 30_000,
  });
}
