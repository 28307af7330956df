import type { CommentRow, PostRow, PostStateRow } from './queries.js';

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
   * The end of the page (`,"comments":{…}}`) already serialized and encoded, per kind of reader (see
   * readerKind in routes.ts): 50 comments of HTML are most of the page's bytes, and escaping and
   * encoding them for every request was most of its work.
   */
  serialized: Map<string, Buffer>;
  /** The post's fields that are the same for every reader, serialized without braces. */
  postFields?: Buffer;
}

export function newPostPage(version: string, post: PostRow, comments: CommentRow[]): PostPage {
  return { version, loadedAt: Date.now(), post, comments, commentAuthors: new Set(comments.map((c) => c.author_id)), serialized: new Map() };
}

export class PostPageCache {
  // Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  private readonly entries = new Map<number, PostPage>();

  constructor(private readonly maxEntries: number, private readonly maxAgeMs: number) {}

  /** The cached page when it is still the post's current version. */
  get(state: PostStateRow, now = Date.now()): PostPage | undefined {
    const entry = this.entries.get(state.id);
    if (!entry) return undefined;
    if (entry.version !== state.version || now - entry.loadedAt > this.maxAgeMs) {
      this.entries.delete(state.id);
      return undefined;
    }
    this.entries.delete(state.id);
    this.entries.set(state.id, entry);
    return entry;
  }

  set(id: number, page: PostPage): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(id);
    this.entries.set(id, page);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
