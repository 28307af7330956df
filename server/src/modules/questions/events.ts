import { onEvent, type Subscription } from '../../events/bus.js';
import { onCommentPosted, onQuestionPosted } from './service.js';

/** A question's deadline and its answer times are kept in the transaction of the post or comment. */
export const questionSubscriptions: Subscription[] = [
  onEvent('post.published', 'questions.deadline', async (tx, e) => {
    if (e.kind === 'question') await onQuestionPosted(tx, e.postId);
  }),
  onEvent('comment.created', 'questions.answer', async (tx, e) => {
    if (e.postKind === 'question') await onCommentPosted(tx, e.commentId, e.postId);
  }),
];
