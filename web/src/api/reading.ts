import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, qs } from './client';
import { keys } from './keys';
import type { Page, Post, PostSummary } from './types';

/** The first page of a community's feed, for a signed-in reader: what is new since their previous visit. */
export interface Visit {
  previousVisitAt: string | null;
  /** Posts by others since then, counted up to 100. */
  newPosts: number;
}

export interface Bookmark {
  post: PostSummary;
  savedAt: string;
}

const bookmarksKey = ['bookmarks'] as const;

export function useBookmarks() {
  return useInfiniteQuery({
    queryKey: bookmarksKey,
    queryFn: ({ pageParam }) => api.get<Page<Bookmark>>(`/bookmarks${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useBookmark(postId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) =>
      on ? api.put<{ bookmarked: boolean }>(`/posts/${postId}/bookmark`) : api.delete<{ bookmarked: boolean }>(`/posts/${postId}/bookmark`),
    onSuccess: (r) => {
      qc.setQueryData<Post>(keys.post(postId), (p) => (p ? { ...p, bookmarked: r.bookmarked } : p));
      void qc.invalidateQueries({ queryKey: bookmarksKey });
    },
  });
}

/** « Tout marquer comme lu »: one community (slug) or all of mine (null). */
export function useMarkAllRead(slug: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>(slug ? `/communities/${slug}/read` : '/feed/read'),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.postsAll }),
  });
}
