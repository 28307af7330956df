import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from './client';
import type { ContributionPage, DirectoryEntryPage, DirectorySettings, MemberProfile } from '../../../common/api/directory';

/** The member directory, profiles as their owners chose to show them, privacy settings, blocking. */

export type { Contribution, DirectoryEntry, DirectorySettings, MemberProfile } from '../../../common/api/directory';

export interface DirectoryFilters {
  q?: string;
  job?: string;
  employer?: string;
  departement?: string;
  region?: string;
  community?: string;
}

export const memberKeys = {
  all: ['members'] as const,
  directory: (f: DirectoryFilters) => ['members', 'directory', f] as const,
  profile: (id: number) => ['members', 'profile', id] as const,
  posts: (id: number) => ['members', 'posts', id] as const,
  settings: ['members', 'settings'] as const,
};

export function useDirectory(f: DirectoryFilters, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: memberKeys.directory(f),
    queryFn: ({ pageParam }) => api.get<DirectoryEntryPage>(`/directory${qs({ ...f, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useMemberProfile(id: number) {
  return useQuery({
    queryKey: memberKeys.profile(id),
    queryFn: () => api.get<MemberProfile>(`/members/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useContributions(id: number) {
  return useInfiniteQuery({
    queryKey: memberKeys.posts(id),
    queryFn: ({ pageParam }) => api.get<ContributionPage>(`/members/${id}/posts${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useDirectorySettings() {
  return useQuery({ queryKey: memberKeys.settings, queryFn: () => api.get<DirectorySettings>('/me/directory-settings') });
}

export function useSaveDirectorySettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: Partial<DirectorySettings>) => api.patch<DirectorySettings>('/me/directory-settings', change),
    onSuccess: (data) => {
      qc.setQueryData(memberKeys.settings, data);
      void qc.invalidateQueries({ queryKey: memberKeys.all });
    },
  });
}

export function useSetBlock(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (blocked: boolean) => (blocked ? api.put<{ blocked: boolean }>(`/members/${id}/block`) : api.delete<{ blocked: boolean }>(`/members/${id}/block`)),
    onSuccess: () => qc.invalidateQueries({ queryKey: memberKeys.profile(id) }),
  });
}
