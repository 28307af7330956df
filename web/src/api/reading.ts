import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, qs } from './client';
import { keys } from './keys';
import type { Post } from '../../../common/api/posts';
import type { BookmarkPage, BookmarkState } from '../../../common/api/reading';

/** The first page of a community's feed, for a signed-in reader: what is new since their previous visit. */
export type { Visit } from '../../../common/api/posts';

export type { Bookmark } from '../../../common/api/reading';

const bookmarksKey = ['bookmarks'] as const;

export function useBookmarks() {
  return useInfiniteQuery({
    queryKey: bookmarksKey,
    queryFn: ({ pageParam }) => api.get<BookmarkPage>(`/bookmarks${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useBookmark(postId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) =>
      on ? api.put<BookmarkState>(`/posts/${postId}/bookmark`) : api.delete<BookmarkState>(`/posts/${postId}/bookmark`),
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
