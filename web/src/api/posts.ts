import { useState } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from './client';
import { keys } from './keys';
import type {
  Comment, CommentPage, CommunityFeedPage, EditPostInput, NewCommentInput, Post, PostSummaryPage, PostWithComments, RevisionList, UsefulState,
} from '../../../common/api/posts';
import type { Ok } from './types';

const nextCursor = (last: { nextCursor: string | null }) => last.nextCursor ?? undefined;

export function useFeed(enabled = true) {
  return useInfiniteQuery({
    queryKey: keys.feed,
    queryFn: ({ pageParam }) => api.get<PostSummaryPage>(`/feed${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
    enabled,
  });
}

export function useCommunityPosts(slug: string) {
  return useInfiniteQuery({
    queryKey: keys.communityPosts(slug),
    queryFn: ({ pageParam }) => api.get<CommunityFeedPage>(`/communities/${slug}/posts${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });
}

export function usePost(id: number) {
  return useQuery({ queryKey: keys.post(id), queryFn: () => api.get<PostWithComments>(`/posts/${id}`), enabled: id > 0 });
}

export function useRevisions(id: number, enabled: boolean) {
  return useQuery({
    queryKey: keys.revisions(id),
    queryFn: () => api.get<RevisionList>(`/posts/${id}/revisions`),
    enabled,
  });
}

/**
 * A post's comments. The first page comes inside the post (the post page is one request); later
 * pages are fetched when asked for. A post held without its first page (just published or edited)
 * fetches it here. Shaped for QueryState and LoadMore.
 */
export function usePostComments(post: Post) {
  const first = post.comments;
  const [asked, setAsked] = useState(false);
  const after = first ? first.nextCursor : undefined;
  const query = useInfiniteQuery({
    // Keyed by where the extra pages start, so a new first page never mixes with stale later ones.
    queryKey: [...keys.comments(post.id), after ?? null],
    queryFn: ({ pageParam }) => api.get<CommentPage>(`/posts/${post.id}/comments${qs({ cursor: pageParam, limit: 50 })}`),
    initialPageParam: after ?? undefined,
    getNextPageParam: nextCursor,
    enabled: first === undefined || (asked && after !== null),
  });
  const fetched = query.data?.pages.flatMap((p) => p.items) ?? [];
  const seen = new Set(first?.items.map((c) => c.id));
  const onlyFirst = first !== undefined && (!asked || after === null);
  return {
    data: first ? [...first.items, ...fetched.filter((c) => !seen.has(c.id))] : query.data ? fetched : undefined,
    isPending: first === undefined && query.isPending,
    error: query.error,
    refetch: query.refetch,
    hasNextPage: onlyFirst ? after !== null : query.isPending || query.hasNextPage,
    isFetchingNextPage: !onlyFirst && (query.isFetchingNextPage || (first !== undefined && query.isPending && query.isFetching)),
    fetchNextPage: () => (onlyFirst ? setAsked(true) : query.fetchNextPage()),
  };
}

export function useCreatePost(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { title: string; body: string }) => api.create<Post>(`/communities/${slug}/posts`, input),
    onSuccess: (post) => {
      qc.setQueryData(keys.post(post.id), { ...post, comments: { items: [], nextCursor: null } });
      void qc.invalidateQueries({ queryKey: keys.postsAll });
      void qc.invalidateQueries({ queryKey: keys.community(slug) });
    },
  });
}

export function useUpdatePost(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: EditPostInput) => api.patch<Post>(`/posts/${id}`, input),
    onSuccess: (post) => {
      // The edit answers without the comments: keep the page already shown.
      qc.setQueryData<Post>(keys.post(id), (old) => ({ ...post, comments: old?.comments }));
      void qc.invalidateQueries({ queryKey: keys.revisions(id) });
      void qc.invalidateQueries({ queryKey: keys.postsAll });
    },
  });
}

export function useDeletePost(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<Ok>(`/posts/${id}`),
    onSuccess: () => {
      qc.removeQueries({ queryKey: keys.post(id) });
      void qc.invalidateQueries({ queryKey: keys.postsAll });
      void qc.invalidateQueries({ queryKey: keys.communitiesAll });
    },
  });
}

export function useUseful(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (useful: boolean) =>
      useful
        ? api.put<UsefulState>(`/posts/${id}/useful`)
        : api.delete<UsefulState>(`/posts/${id}/useful`),
    onSuccess: (result) => {
      qc.setQueryData<Post>(keys.post(id), (post) => (post ? { ...post, ...result } : post));
      void qc.invalidateQueries({ queryKey: keys.postsAll });
    },
  });
}

function useCommentsChanged(postId: number) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: keys.comments(postId) });
    void qc.invalidateQueries({ queryKey: keys.post(postId) });
    void qc.invalidateQueries({ queryKey: keys.postsAll });
  };
}

export function useCreateComment(postId: number) {
  const changed = useCommentsChanged(postId);
  return useMutation({
    mutationFn: (input: NewCommentInput) => api.create<Comment>(`/posts/${postId}/comments`, input),
    onSuccess: changed,
  });
}

export function useUpdateComment(postId: number) {
  const changed = useCommentsChanged(postId);
  return useMutation({
    mutationFn: (input: { id: number; body: string }) => api.patch<Comment>(`/comments/${input.id}`, { body: input.body }),
    onSuccess: changed,
  });
}

export function useDeleteComment(postId: number) {
  const changed = useCommentsChanged(postId);
  return useMutation({
    mutationFn: (id: number) => api.delete<Ok>(`/comments/${id}`),
    onSuccess: changed,
  });
}
