import { estimateBytes, type ByteLru } from '../../lib/byte-lru.js';
import { LIMITS } from '../../../../common/limits.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { CurrentUser } from '../../types.js';
import { isCommunityStaff } from '../communities/policy.js';
import { moderationRank } from '../sanctions/rank.js';
import { commentAbilities, type CommunityAccess } from './policy.js';
import { findPostPage, type CommentRow, type PostRow } from './queries.js';
import type { PostStateRow } from './post-state.js';

/**
 * Per-instance cache of what a post page shows to everyone: the post row and its first page of
 * comments. The page is the most read thing of the network and is the same for every reader but
 * for a few fields (my role, my "utile"), which the cheap state query reads on every request.
 *
 * Freshness does not depend on this instance: every request reads the post's version (its xmin,
 * moved by any update of the post and, through a trigger, of its comments) and a stale entry is
 * never served. What can change without touching the post — an author's display name, the
 * visibility of a shared original — is bounded by the entry's lifetime.
 */
export interface PostPage {
  version: string;
  loadedAt: number;
  post: PostRow;
  comments: CommentRow[];
  /** Who wrote the cached comments: their authors see them with other abilities. */
  commentAuthors: Set<number>;
  /**
   * Forms of the page already serialized and encoded, per kind of reader (readerKind below): the end of the post
   * page (`,"comments":{…}}`) and the comments route's first pages. 50 comments of HTML are most of the page's
   * bytes, and escaping and encoding them for every request was most of its work.
   */
  serialized: Map<string, Buffer>;
  /** The post's fields that are the same for every reader, serialized without braces. */
  postFields?: Buffer;
}

export function newPostPage(version: string, post: PostRow, comments: CommentRow[]): PostPage {
  return { version, loadedAt: Date.now(), post, comments, commentAuthors: new Set(comments.map((c) => c.author_id)), serialized: new Map() };
}

/** Post pages in the instance's page cache (shared with the feed pages, bounded by bytes). */
export class PostPageCache {
  /** Loads in flight, per post and version: readers arriving together after a change share one. */
  private readonly loading = new Map<string, Promise<PostPage>>();

  constructor(private readonly lru: ByteLru<unknown>, private readonly maxAgeMs: number) {}

  /** The cached page when it is still the post's current version. */
  get(state: PostStateRow, now = Date.now()): PostPage | undefined {
    return this.lru.get(`post:${state.id}`, (v) => {
      const entry = v as PostPage;
      return entry.version === state.version && now - entry.loadedAt <= this.maxAgeMs;
    }) as PostPage | undefined;
  }

  /**
   * The post's page at the version `state` was read at, from the cache or loaded. Loaded after the state was
   * read: if anything changes meanwhile, the version has moved past the one stored here and the next reader reloads.
   * A popular post's readers arrive together just after each new comment: the first one's load serves them all
   * (what the page holds of its loader — role, « utile » — is overlaid from each reader's own state).
   */
  async load(db: DbOrTx, state: PostStateRow, user: CurrentUser | null): Promise<PostPage> {
    const cached = this.get(state);
    if (cached) return cached;
    const flight = `${state.id}@${state.version}`;
    let pending = this.loading.get(flight);
    if (!pending) {
      pending = findPostPage(db, state.id, user, LIMITS.pageSizeMax + 1).then((found) => {
        if (!found) throw new AppError('POST_NOT_FOUND');
        const page = newPostPage(state.version, found.post, found.comments);
        this.set(state.id, page);
        return page;
      });
      this.loading.set(flight, pending);
      pending.finally(() => this.loading.delete(flight)).catch(() => undefined);
    }
    return pending;
  }

  set(id: number, page: PostPage): void {
    this.lru.set(`post:${id}`, page, estimateBytes({ post: page.post, comments: page.comments }));
  }

  /** A serialized form was added to the page: its bytes count too. */
  grew(id: number, bytes: number): void {
    this.lru.grow(`post:${id}`, bytes);
  }

  /** The page's serialized form `key`, built and kept with the page the first time it is asked for. */
  serialized(id: number, page: PostPage, key: string, build: () => string): Buffer {
    let bytes = page.serialized.get(key);
    if (bytes === undefined) {
      bytes = Buffer.from(build());
      page.serialized.set(key, bytes);
      this.grew(id, bytes.length);
    }
    return bytes;
  }
}

/**
 * What a comment looks like to a reader who did not write it depends only on this: which comments
 * they may delete (moderation: those of authors below their rank) and whether they see through a
 * moderation mask (staff). Readers of one kind share the page's serialized comments.
 */
export function readerKind(user: CurrentUser | null, access: CommunityAccess): string {
  const moderates = commentAbilities(user, { authorId: 0, deleted: false }, access).delete;
  const rank = moderates && user ? moderationRank(user.nationalRole, access.role) : -1;
  return `${rank}:${isCommunityStaff(user, access.role)}`;
}
