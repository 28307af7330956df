import type { Mail } from '../modules/mail/service.js';

/**
 * Every domain event of the platform: what happened, told by the module that did it, for the modules that react
 * (handlers registered at start-up in wiring.ts). The emitter knows nothing of who listens.
 */
export type DomainEvent =
  /** A post is in its community (written directly, or published from the calendar). */
  | { type: 'post.published'; postId: number; authorId: number; kind: string; body: string }
  /** A comment is written on a post (`postKind` is the post's kind, known to the writer; `body` for its mentions). */
  | {
    type: 'comment.created'; commentId: number; postId: number; postKind: string; authorId: number;
    replyToId: number | null; body: string;
  }
  /** A member flags a post or a comment for moderation. */
  | { type: 'flag.raised'; flagId: number }
  /** A moderator decided about someone's content (hide, delete, restore…). */
  | {
    type: 'moderation.decided'; userId: number; actorId: number; communityId: number; postId: number;
    commentId: number | null; action: string; title: string;
  }
  /** A post is added to a dossier. */
  | { type: 'dossier.post_added'; dossierId: number; postId: number }
  /** A member confirmed their e-mail address. */
  | { type: 'user.email_verified'; userId: number }
  /** A transactional e-mail to send once the change that asks for it is committed. */
  | { type: 'mail.requested'; mail: Mail };

export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
