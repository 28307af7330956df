import { useQueryClient } from '@tanstack/react-query';
import { keys } from '../../api/keys';
import type { Comment, Post } from '../../api/types';
import { fullName } from '../../lib/format';
import { Alert, Badge, Button } from '../../ui';
import { useMarkSolution, useQuestion } from './api';

/**
 * On each comment of a question: the "Solution" mark, and for the asker a "Marquer comme solution" button.
 * Renders nothing on other kinds of post (the post is already in the cache: its page loaded it).
 */
export function SolutionAction({ postId, comment }: { postId: number; comment: Comment }) {
  const post = useQueryClient().getQueryData<Post>(keys.post(postId));
  const isQuestion = post?.kind === 'question';
  const question = useQuestion(postId, isQuestion);
  const mark = useMarkSolution(postId);
  const q = question.data;
  if (!isQuestion || !q || comment.deleted) return null;
  if (q.solutionCommentId === comment.id) return <Badge tone="success">✓ Solution retenue</Badge>;
  if (!q.can.markSolution) return null;
  return (
    <>
      <Button
        variant="ghost"
        small
        isPending={mark.isPending}
        onPress={() => mark.mutate(comment.id)}
        aria-label={`Marquer le commentaire de ${fullName(comment.author)} comme solution`}
      >
        Marquer comme solution
      </Button>
      {mark.error ? <Alert tone="error"><p>{mark.error.message}</p></Alert> : null}
    </>
  );
}
