import { useInfiniteQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type { PostKind } from '../../api/types';

/** Full-text search: GET /api/search. */

export interface SearchHit {
  type: 'post' | 'comment';
  id: number;
  post: { id: number; title: string; kind: PostKind };
  community: { id: number; slug: string; name: string };
  author: { id: number; firstName: string; lastName: string };
  createdAt: string;
  /** Server-built HTML: everything escaped except <mark> around the matched words. */
  titleHtml: string;
  excerptHtml: string;
}

export interface SearchParams {
  q: string;
  community?: string;
  kind?: string;
  author?: string;
  from?: string;
  to?: string;
}

export function useSearch(params: SearchParams) {
  return useInfiniteQuery({
    queryKey: ['search', params],
    queryFn: ({ pageParam }) =>
      api.get<{ items: SearchHit[]; nextCursor: string | null }>(`/search${qs({ ...params, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: params.q.trim() !== '',
  });
}
