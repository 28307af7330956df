import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from './client';
import { keys } from './keys';
import type {
  Community, CommunityInput, CommunityRole, CommunitySummaryPage, CommunityUpdate, MemberPage, RoleResult,
} from '../../../common/api/communities';

const nextCursor = (last: { nextCursor: string | null }) => last.nextCursor ?? undefined;

export function useCommunities(q = '', status = '') {
  return useInfiniteQuery({
    queryKey: keys.communities(q, status),
    queryFn: ({ pageParam }) =>
      api.get<CommunitySummaryPage>(`/communities${qs({ q, status, cursor: pageParam, limit: 50 })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });
}

export function useCommunity(slug: string) {
  return useQuery({ queryKey: keys.community(slug), queryFn: () => api.get<Community>(`/communities/${slug}`) });
}

export function useMembers(slug: string, role: CommunityRole | '' = '') {
  return useInfiniteQuery({
    queryKey: keys.members(slug, role),
    queryFn: ({ pageParam }) =>
      api.get<MemberPage>(`/communities/${slug}/members${qs({ role, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });
}

/** Membership and role changes touch the community, the directory, my feed and my profile. */
function useCommunityChanged() {
  const qc = useQueryClient();
  return (community?: Community) => {
    if (community) qc.setQueryData(keys.community(community.slug), community);
    void qc.invalidateQueries({ queryKey: keys.communitiesAll });
    void qc.invalidateQueries({ queryKey: keys.me });
    void qc.invalidateQueries({ queryKey: keys.feed });
  };
}

export function useMembership(slug: string) {
  const changed = useCommunityChanged();
  return useMutation({
    mutationFn: (join: boolean) =>
      join ? api.post<Community>(`/communities/${slug}/membership`) : api.delete<Community>(`/communities/${slug}/membership`),
    onSuccess: changed,
  });
}

export function useCreateCommunity() {
  const changed = useCommunityChanged();
  return useMutation({
    mutationFn: (input: CommunityInput) => api.post<Community>('/communities', input),
    onSuccess: changed,
  });
}

export function useUpdateCommunity(slug: string) {
  const changed = useCommunityChanged();
  return useMutation({
    mutationFn: (input: CommunityUpdate) => api.patch<Community>(`/communities/${slug}`, input),
    onSuccess: changed,
  });
}

export function useSetRole(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { userId: number; role: CommunityRole }) =>
      api.put<RoleResult>(`/communities/${slug}/roles/${input.userId}`, { role: input.role }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.communitiesAll });
      void qc.invalidateQueries({ queryKey: keys.me });
    },
  });
}
