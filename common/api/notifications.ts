import { Type, type Static } from 'typebox';
import { Page } from './shared.js';

/** Route schemas of the notifications module: the server validates with them, the web client reads their types. */

export const Notification = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  createdAt: Type.String(),
  read: Type.Boolean(),
  title: Type.String(),
  action: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  community: Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()]),
  postId: Type.Union([Type.Integer(), Type.Null()]),
  commentId: Type.Union([Type.Integer(), Type.Null()]),
  /** The page it leads to in the web client. */
  link: Type.String(),
});
export const NotificationPage = Page(Notification);
export const UnreadCount = Type.Object({ unread: Type.Integer() });
export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
export const Following = Type.Object({ following: Type.Boolean() });
/** canFollow: members of the dossier's community may follow it; others see no button. */
export const DossierFollowing = Type.Object({ following: Type.Boolean(), canFollow: Type.Boolean() });

export const StreamHeaders = Type.Object({ 'last-event-id': Type.Optional(Type.String({ maxLength: 20 })) });
export const StreamQuery = Type.Object({ lastEventId: Type.Optional(Type.String({ maxLength: 20 })) });

export const MentionQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 80 })),
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
});
/** One person (`@marie-dupont`) or one team of the community (`@animation`, `@coordination`). */
export const MentionSuggestion = Type.Object({ handle: Type.String(), label: Type.String(), hint: Type.String(), group: Type.Boolean() });
export const MentionSuggestionPage = Page(MentionSuggestion);

export type NotificationOut = Static<typeof Notification>;

/** The client's names for what it sends and reads. */
export type Notification = NotificationOut;
export type NotificationPage = Static<typeof NotificationPage>;
export type UnreadCount = Static<typeof UnreadCount>;
export type Following = Static<typeof Following>;
export type DossierFollowing = Static<typeof DossierFollowing>;
export type MentionItem = Static<typeof MentionSuggestion>;
export type MentionSuggestionPage = Static<typeof MentionSuggestionPage>;
