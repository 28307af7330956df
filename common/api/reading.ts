import { Type, type Static } from 'typebox';
import { Page } from './shared.js';
import { PostSummary } from './posts.js';

/**
 * Route schemas of the reading module (bookmarks, « Tout marquer comme lu »): the only definition of its
 * request and response shapes. The server validates with them, the web client reads their types.
 */

export const BookmarkState = Type.Object({ bookmarked: Type.Boolean() });
export const Bookmark = Type.Object({ post: PostSummary, savedAt: Type.String({ format: 'date-time' }) });
export const BookmarkPage = Page(Bookmark);

/** The client's names for what it reads. */
export type BookmarkState = Static<typeof BookmarkState>;
export type Bookmark = Static<typeof Bookmark>;
export type BookmarkPage = Static<typeof BookmarkPage>;
