import { useInfiniteQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type { SearchHit, SearchQuery, SearchResults } from '../../../../common/api/search';

/** Full-text search: GET /api/search. */

export type { SearchHit };

/** The filters as the page's address holds them: raw strings, which the server validates (400 otherwise). */
export type SearchParams = Pick<SearchQuery, 'q'> & Partial<Record<Exclude<keyof SearchQuery, 'q' | 'cursor' | 'limit'>, string>>;

export function useSearch(params: SearchParams) {
  return useInfiniteQuery({
    queryKey: ['search', params],
    queryFn: ({ pageParam }) =>
      api.get<SearchResults>(`/search${qs({ ...params, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: params.q.trim() !== '',
  });
}
