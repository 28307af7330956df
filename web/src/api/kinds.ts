import type { CnfptResourceType } from '../../../common/cnfpt';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from './client';
import { keys } from './keys';
import type { ArticleType, LinkPreview, Ok, Page, Post, PostKind, PostSummary, Rubrique } from './types';

/** Post kinds: filtered feeds, rubriques, related communities' posts, link previews. */

export interface FeedFilters {
  kind?: PostKind;
  rubrique?: number;
  tag?: string;
}

export function useFilteredCommunityPosts(slug: string, filters: FeedFilters) {
  return useInfiniteQuery({
    // Under keys.communityPosts(slug), so every invalidation of the community's posts reaches filtered pages too.
    queryKey: [...keys.communityPosts(slug), filters] as const,
    queryFn: ({ pageParam }) =>
      api.get<Page<PostSummary>>(`/communities/${slug}/posts${qs({ cursor: pageParam, kind: filters.kind, rubrique: filters.rubrique, tag: filters.tag })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<PostSummary>) => last.nextCursor ?? undefined,
  });
}

export interface NewPostInput {
  kind?: PostKind;
  title?: string;
  body: string;
  articleType?: ArticleType;
  link?: { url: string; title?: string; description?: string; source?: string };
  /** A « ressource CNFPT »: what the catalogue entry is. */
  cnfptType?: CnfptResourceType;
  sharedPostId?: number;
  rubriqueId?: number | null;
  tags?: string[];
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
  return useQuery({ queryKey: ['rubriques', slug], queryFn: () => api.get<{ items: Rubrique[] }>(`/communities/${slug}/rubriques`) });
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
        api.patch<{ items: Rubrique[] }>(`/rubriques/${input.id}`, { name: input.name, position: input.position }),
      onSuccess: done,
    }),
    remove: useMutation({ mutationFn: (id: number) => api.delete<Ok>(`/rubriques/${id}`), onSuccess: done }),
  };
}

export function useRelatedPosts(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: ['related', slug],
    queryFn: () => api.get<{ items: Array<{ post: PostSummary; sharedHere: boolean }> }>(`/communities/${slug}/related-posts`),
    enabled,
  });
}

export function useLinkPreview() {
  return useMutation({ mutationFn: (url: string) => api.post<LinkPreview>('/link-preview', { url }) });
}
