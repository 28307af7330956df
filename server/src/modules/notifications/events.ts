import { onEvent, type Subscription } from '../../events/bus.js';
import { notifyDossierPostAdded } from './dossier-follows.js';
import { notifyCommentCreated, notifyFlagRaised, notifyModerationDecision, notifyPostPublished } from './hooks.js';

/** In-app notifications are written in the transaction of the change that causes them (hooks.ts). */
export const notificationSubscriptions: Subscription[] = [
  onEvent('post.published', 'notifications.post', (tx, e) => notifyPostPublished(tx, { postId: e.postId, authorId: e.authorId, body: e.body })),
  onEvent('comment.created', 'notifications.comment', (tx, { type: _type, postKind: _kind, ...comment }) => notifyCommentCreated(tx, comment)),
  onEvent('flag.raised', 'notifications.flag', (tx, e) => notifyFlagRaised(tx, e.flagId)),
  onEvent('moderation.decided', 'notifications.moderation', (tx, { type: _type, ...decision }) => notifyModerationDecision(tx, decision)),
  onEvent('dossier.post_added', 'notifications.dossier', (tx, e) => notifyDossierPostAdded(tx, e.dossierId, e.postId)),
];
