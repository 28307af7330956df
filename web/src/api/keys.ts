/** Query keys in one place so mutations invalidate exactly what they change. */
export const keys = {
  session: ['session'] as const,
  me: ['me'] as const,
  user: (id: number) => ['users', id] as const,
  userSearch: (q: string) => ['users', 'search', q] as const,
  communities: (q: string, status: string) => ['communities', 'list', q, status] as const,
  communitiesAll: ['communities'] as const,
  community: (slug: string) => ['communities', 'one', slug] as const,
  members: (slug: string, role: string) => ['communities', 'members', slug, role] as const,
  communityPosts: (slug: string) => ['posts', 'community', slug] as const,
  feed: ['posts', 'feed'] as const,
  postsAll: ['posts'] as const,
  post: (id: number) => ['post', id] as const,
  revisions: (id: number) => ['post', id, 'revisions'] as const,
  comments: (id: number) => ['post', id, 'comments'] as const,
  page: (slug: string) => ['pages', slug] as const,
  outbox: ['admin', 'outbox'] as const,
};
