import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { CommunityRef, Id, Page, PostKindSchema, UserRef } from './shared.js';

/**
 * Route schemas of the posts module: the only definition of its request and response shapes. The server
 * validates with them, the web client reads their types.
 */

const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);

// Shared with the other areas' schemas (common/api/shared.ts); re-exported for the modules that read them here.
export { CommunityRef, POST_KINDS, PostKindSchema, UserRef } from './shared.js';

export const CnfptTypeSchema = Type.Union([
  Type.Literal('formation'), Type.Literal('lid'), Type.Literal('publication'), Type.Literal('autre'),
]);

const summaryProps = {
  id: Id,
  community: CommunityRef,
  kind: PostKindSchema,
  title: Type.String(),
  excerpt: Type.String(),
  author: UserRef,
  createdAt: DateTime,
  editedAt: NullableDateTime,
  commentCount: Type.Integer(),
  usefulCount: Type.Integer(),
  tags: Type.Array(Type.String()),
  rubrique: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  /** A « ressource CNFPT »: its type and the catalogue link, so feeds show it as its own card. */
  cnfpt: Type.Optional(Type.Union([Type.Object({ type: CnfptTypeSchema, url: Type.String() }), Type.Null()])),
};

export const ArticleTypeSchema = Type.Union([
  Type.Literal('expertise'), Type.Literal('analyse_reglementaire'), Type.Literal('contextualisation_veille'),
  Type.Literal('retour_experience'), Type.Literal('autre'),
]);

const NullableText = Type.Union([Type.String(), Type.Null()]);
export const PostLink = Type.Object({ url: Type.String(), title: NullableText, description: NullableText, source: NullableText });

/** What a partage shows of the original; null when the original was deleted or is no longer readable. */
export const SharedOriginal = Type.Object({
  id: Id,
  kind: PostKindSchema,
  title: Type.String(),
  excerpt: Type.String(),
  createdAt: DateTime,
  community: CommunityRef,
  author: UserRef,
});

export const PostSummary = Type.Object({
  ...summaryProps,
  /** Feeds of a signed-in reader: published since their last visit and not opened yet. */
  isNew: Type.Optional(Type.Boolean()),
  /** Comments added since they last opened it; null when they never did. */
  unreadComments: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});

/** A community's feed; its first page, for a signed-in reader, says what is new since their previous visit. */
export const CommunityFeedPage = Type.Object({
  items: Type.Array(PostSummary),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  visit: Type.Optional(Type.Object({
    previousVisitAt: Type.Union([DateTime, Type.Null()]),
    /** Posts by others since then, counted up to 100 (shown as « 99 et plus »). */
    newPosts: Type.Integer(),
  })),
});

export const PostAbilitiesSchema = Type.Object({
  edit: Type.Boolean(),
  delete: Type.Boolean(),
  comment: Type.Boolean(),
  markUseful: Type.Boolean(),
  /** A moderation decision (hide, restore, edit…) on someone else's post: staff above the author's rank. */
  moderate: Type.Boolean(),
});

export const Post = Type.Object({
  ...summaryProps,
  bodyHtml: Type.String(),
  bodyMd: Type.String(),
  usefulByMe: Type.Boolean(),
  articleType: Type.Union([ArticleTypeSchema, Type.Null()]),
  link: Type.Union([PostLink, Type.Null()]),
  sharedPostId: Type.Union([Id, Type.Null()]),
  shared: Type.Union([SharedOriginal, Type.Null()]),
  can: PostAbilitiesSchema,
  /** Hidden by moderation (seen only by its author and the moderators), with the reason. */
  hidden: Type.Optional(Type.Union([Type.Object({ at: DateTime, reason: NullableText }), Type.Null()])),
  /** Edited or anonymised by moderation: shown as « modéré ». */
  moderatedAt: Type.Optional(NullableDateTime),
});

export const Comment = Type.Object({
  id: Id,
  postId: Id,
  replyToId: Type.Union([Id, Type.Null()]),
  author: UserRef,
  bodyHtml: Type.String(),
  bodyMd: Type.String(),
  createdAt: DateTime,
  editedAt: NullableDateTime,
  deleted: Type.Boolean(),
  can: Type.Object({ edit: Type.Boolean(), delete: Type.Boolean(), moderate: Type.Boolean() }),
  /** Hidden by moderation; the reason only for its author and the moderators, who also keep the text. */
  hidden: Type.Optional(Type.Union([Type.Object({ reason: NullableText }), Type.Null()])),
  moderatedAt: Type.Optional(NullableDateTime),
});

/**
 * GET /posts/:id: the post with the first page of its comments (up to LIMITS.pageSizeMax), so the
 * post page is one request; later pages come from GET /posts/:id/comments?cursor=nextCursor.
 */
export const PostWithComments = Type.Object({
  ...Post.properties,
  /** Signed-in readers: saved with « Enregistrer ». */
  bookmarked: Type.Optional(Type.Boolean()),
  /** Signed-in readers: where they stopped last time (seen false on a first visit), to mark the first new comment. */
  readState: Type.Optional(Type.Object({ seen: Type.Boolean(), lastCommentId: Type.Union([Id, Type.Null()]), newestCommentId: Type.Union([Id, Type.Null()]) })),
  comments: Type.Object({ items: Type.Array(Comment), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
});

export const Revision = Type.Object({
  id: Id,
  title: Type.String(),
  bodyMd: Type.String(),
  editedBy: UserRef,
  createdAt: DateTime,
});

export const RevisionList = Type.Object({ items: Type.Array(Revision) });
export const PostSummaryPage = Page(PostSummary);
export const CommentPage = Page(Comment);

export const UsefulState = Type.Object({ usefulCount: Type.Integer(), usefulByMe: Type.Boolean() });

// A title must hold something other than spaces.
const Title = Type.String({ minLength: 1, maxLength: LIMITS.postTitle, pattern: '\\S' });
const PostBodyText = Type.String({ minLength: 1, maxLength: LIMITS.postBody, pattern: '\\S' });
const CommentBodyText = Type.String({ minLength: 1, maxLength: LIMITS.commentBody, pattern: '\\S' });

// Loose bounds here; kinds.ts says precisely what is wrong with a tag, in French.
export const TagsInput = Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 });
export const LinkInput = Type.Object({
  url: Type.String({ maxLength: LIMITS.linkUrl }),
  title: Type.Optional(Type.String({ maxLength: LIMITS.linkTitle })),
  description: Type.Optional(Type.String({ maxLength: LIMITS.linkDescription })),
  source: Type.Optional(Type.String({ maxLength: LIMITS.linkSource })),
}, { additionalProperties: false });

/** A post of any kind the generic route creates; kinds.ts checks which fields each kind needs. */
export const CreatePostBody = Type.Object({
  kind: Type.Optional(PostKindSchema),
  // A partage may leave the title out: it takes the original's.
  title: Type.Optional(Title),
  body: PostBodyText,
  articleType: Type.Optional(ArticleTypeSchema),
  link: Type.Optional(LinkInput),
  cnfptType: Type.Optional(CnfptTypeSchema),
  sharedPostId: Type.Optional(Id),
  rubriqueId: Type.Optional(Type.Union([Id, Type.Null()])),
  tags: Type.Optional(TagsInput),
}, { additionalProperties: false });

export const FeedQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  kind: Type.Optional(PostKindSchema),
  rubrique: Type.Optional(Id),
  tag: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
export const EditPostBody = Type.Object(
  {
    title: Type.Optional(Title),
    body: Type.Optional(PostBodyText),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })),
    rubriqueId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);
export const CreateCommentBody = Type.Object(
  { body: CommentBodyText, replyToId: Type.Optional(Type.Union([Id, Type.Null()])) },
  { additionalProperties: false },
);
export const EditCommentBody = Type.Object({ body: CommentBodyText }, { additionalProperties: false });

export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: LIMITS.communitySlug }) });

/** Rubriques, the related communities' posts and link previews (kind-routes.ts). */
export const Rubrique = Type.Object({ id: Type.Integer(), name: Type.String(), position: Type.Integer(), postCount: Type.Integer() });
export const RubriqueList = Type.Object({ items: Type.Array(Rubrique) });
const RubriqueName = Type.String({ minLength: 1, maxLength: LIMITS.rubriqueName, pattern: '\\S' });
export const CreateRubriqueBody = Type.Object({ name: RubriqueName }, { additionalProperties: false });
export const EditRubriqueBody = Type.Object(
  { name: Type.Optional(RubriqueName), position: Type.Optional(Type.Integer({ minimum: 0, maximum: LIMITS.rubriquesPerCommunity })) },
  { additionalProperties: false },
);
export const RelatedItem = Type.Object({ post: PostSummary, sharedHere: Type.Boolean() });
export const RelatedPosts = Type.Object({ items: Type.Array(RelatedItem) });
export const LinkPreviewBody = Type.Object({ url: Type.String({ minLength: 1, maxLength: LIMITS.linkUrl }) }, { additionalProperties: false });
export const LinkPreview = Type.Object({ url: Type.String(), title: Type.String(), description: Type.String(), siteName: Type.String() });

export type PostSummaryOut = Static<typeof PostSummary>;
export type PostOut = Static<typeof Post>;
export type CommentOut = Static<typeof Comment>;
export type PostAbilities = Static<typeof PostAbilitiesSchema>;

/** The client's names for what it sends and reads. */
export type PostSummary = PostSummaryOut;
export type PostSummaryPage = Static<typeof PostSummaryPage>;
export type CommunityFeedPage = Static<typeof CommunityFeedPage>;
export type Visit = NonNullable<CommunityFeedPage['visit']>;
export type PostWithComments = Static<typeof PostWithComments>;
/**
 * A post as the client holds it: GET /posts/:id answers it with its first page of comments and the reader's
 * state; creating or editing one answers without them.
 */
export type Post = PostOut & Partial<Pick<PostWithComments, 'comments' | 'bookmarked' | 'readState'>>;
export type Comment = CommentOut;
export type CommentPage = Static<typeof CommentPage>;
export type Revision = Static<typeof Revision>;
export type RevisionList = Static<typeof RevisionList>;
export type UsefulState = Static<typeof UsefulState>;
export type PostLink = Static<typeof PostLink>;
export type SharedOriginal = Static<typeof SharedOriginal>;
export type ArticleType = Static<typeof ArticleTypeSchema>;
export type CnfptRef = NonNullable<PostSummaryOut['cnfpt']>;
export type NewPostInput = Static<typeof CreatePostBody>;
export type EditPostInput = Static<typeof EditPostBody>;
export type NewCommentInput = Static<typeof CreateCommentBody>;
export type FeedFilters = Pick<Static<typeof FeedQuery>, 'kind' | 'rubrique' | 'tag'>;
export type Rubrique = Static<typeof Rubrique>;
export type RubriqueList = Static<typeof RubriqueList>;
export type RelatedPosts = Static<typeof RelatedPosts>;
export type LinkPreview = Static<typeof LinkPreview>;
