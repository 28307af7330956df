import { Type, type Static } from 'typebox';
import { LIMITS } from '../../../../common/limits.js';

/** Route schemas of the posts module: the only definition of its request and response shapes. */

const Id = Type.Integer({ minimum: 1 });
const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);

export const UserRef = Type.Object({ id: Id, firstName: Type.String(), lastName: Type.String() });
export const CommunityRef = Type.Object({ id: Id, slug: Type.String(), name: Type.String() });

export const POST_KINDS = ['discussion', 'question', 'article', 'veille', 'ressource', 'evenement', 'sondage', 'partage'] as const;
export const PostKindSchema = Type.Union([
  Type.Literal('discussion'), Type.Literal('question'), Type.Literal('article'), Type.Literal('veille'),
  Type.Literal('ressource'), Type.Literal('evenement'), Type.Literal('sondage'), Type.Literal('partage'),
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
};

export const PostSummary = Type.Object(summaryProps);

export const PostAbilitiesSchema = Type.Object({
  edit: Type.Boolean(),
  delete: Type.Boolean(),
  comment: Type.Boolean(),
  markUseful: Type.Boolean(),
});

export const Post = Type.Object({
  ...summaryProps,
  bodyHtml: Type.String(),
  bodyMd: Type.String(),
  usefulByMe: Type.Boolean(),
  can: PostAbilitiesSchema,
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
  can: Type.Object({ edit: Type.Boolean(), delete: Type.Boolean() }),
});

export const Revision = Type.Object({
  id: Id,
  title: Type.String(),
  bodyMd: Type.String(),
  editedBy: UserRef,
  createdAt: DateTime,
});

export const UsefulState = Type.Object({ usefulCount: Type.Integer(), usefulByMe: Type.Boolean() });

// A title must hold something other than spaces.
const Title = Type.String({ minLength: 1, maxLength: LIMITS.postTitle, pattern: '\\S' });
const PostBodyText = Type.String({ minLength: 1, maxLength: LIMITS.postBody, pattern: '\\S' });
const CommentBodyText = Type.String({ minLength: 1, maxLength: LIMITS.commentBody, pattern: '\\S' });

export const CreatePostBody = Type.Object({ title: Title, body: PostBodyText }, { additionalProperties: false });
export const EditPostBody = Type.Object(
  { title: Type.Optional(Title), body: Type.Optional(PostBodyText) },
  { additionalProperties: false },
);
export const CreateCommentBody = Type.Object(
  { body: CommentBodyText, replyToId: Type.Optional(Type.Union([Id, Type.Null()])) },
  { additionalProperties: false },
);
export const EditCommentBody = Type.Object({ body: CommentBodyText }, { additionalProperties: false });

export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: LIMITS.communitySlug }) });

export type PostSummaryOut = Static<typeof PostSummary>;
export type PostOut = Static<typeof Post>;
export type CommentOut = Static<typeof Comment>;
export type PostAbilities = Static<typeof PostAbilitiesSchema>;
