import { toIso } from '../../lib/cursor.js';
import type { PendingRow, QuestionRow } from './queries.js';
import type { PendingOut, QuestionOut } from '../../../../common/api/questions.js';

export function presentQuestion(row: QuestionRow, can: QuestionOut['can']): QuestionOut {
  return {
    postId: row.post_id,
    status: row.solution_comment_id !== null ? 'solved' : row.answered_at !== null ? 'answered' : 'pending',
    askedAt: toIso(row.asked_at),
    deadlineAt: toIso(row.deadline_at),
    overdue: row.overdue,
    firstResponseAt: toIso(row.first_response_at),
    answeredAt: toIso(row.answered_at),
    answeredBy: row.answered_by_id === null
      ? null
      : { id: row.answered_by_id, firstName: row.answered_by_first_name ?? '', lastName: row.answered_by_last_name ?? '' },
    answerCommentId: row.answer_comment_id,
    solutionCommentId: row.solution_comment_id,
    now: new Date().toISOString(),
    can,
  };
}

export function presentPending(row: PendingRow, now: Date): PendingOut {
  const deadlineAt = toIso(row.created_at);
  return {
    id: row.id,
    title: row.title,
    author: { id: row.author_id, firstName: row.author_first_name, lastName: row.author_last_name },
    community: { id: row.community_id, slug: row.community_slug, name: row.community_name },
    commentCount: row.comment_count,
    askedAt: toIso(row.asked_at),
    deadlineAt,
    overdue: new Date(deadlineAt).getTime() < now.getTime(),
  };
}
