import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from './client';
import { keys } from './keys';
import type {
  CommunityFeedPage, FeedFilters, LinkPreview, NewPostInput, Post, RelatedPosts, Rubrique, RubriqueList,
} from '../../../common/api/posts';
import type { Ok } from './types';

/** Post kinds: filtered feeds, rubriques, related communities' posts, link previews. */

export type { FeedFilters, NewPostInput };

export function useFilteredCommunityPosts(slug: string, filters: FeedFilters) {
  return useInfiniteQuery({
    // Under keys.communityPosts(slug), so every invalidation of the community's posts reaches filtered pages too.
    queryKey: [...keys.communityPosts(slug), filters] as const,
    queryFn: ({ pageParam }) =>
      api.get<CommunityFeedPage>(`/communities/${slug}/posts${qs({ cursor: pageParam, kind: filters.kind, rubrique: filters.rubrique, tag: filters.tag })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: CommunityFeedPage) => last.nextCursor ?? undefined,
  });
}

export function usePublish(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewPostInput) => api.create<Post>(`/communities/${slug}/posts`, input),
    onSuccess: (post) => {
      qc.setQueryData(keys.post(post.id), post);
      void qc.invalidateQueries({ queryKey: keys.postsAll });
      void qc.invalidateQueries({ queryKey: keys.community(slug) });
      void qc.invalidateQueries({ queryKey: ['related', slug] });
      void qc.invalidateQueries({ queryKey: ['rubriques', slug] });
    },
  });
}

export function useRubriques(slug: string) {
  return useQuery({ queryKey: ['rubriques', slug], queryFn: () => api.get<RubriqueList>(`/communities/${slug}/rubriques`) });
}

export function useRubriqueActions(slug: string) {
  const qc = useQueryClient();
  const done = () => {
    void qc.invalidateQueries({ queryKey: ['rubriques', slug] });
    void qc.invalidateQueries({ queryKey: keys.postsAll });
  };
  return {
    create: useMutation({ mutationFn: (name: string) => api.post<Rubrique>(`/communities/${slug}/rubriques`, { name }), onSuccess: done }),
    update: useMutation({
      mutationFn: (input: { id: number; name?: string; position?: number }) =>
        api.patch<RubriqueList>(`/rubriques/${input.id}`, { name: input.name, position: input.position }),
      onSuccess: done,
    }),
    remove: useMutation({ mutationFn: (id: number) => api.delete<Ok>(`/rubriques/${id}`), onSuccess: done }),
  };
}

export function useRelatedPosts(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: ['related', slug],
    queryFn: () => api.get<RelatedPosts>(`/communities/${slug}/related-posts`),
    enabled,
  });
}

export function useLinkPreview() {
  return useMutation({ mutationFn: (url: string) => api.post<LinkPreview>('/link-preview', { url }) });
}
