import type { Post } from '../../api/types';
import { formatDateTime, fullName } from '../../lib/format';
import { Badge, Spinner } from '../../ui';
import { useQuestion, type QuestionStatus } from './api';
import { TimeLeft } from './time-left';
import './questions.css';

export const STATUS_LABELS: Record<QuestionStatus, string> = {
  pending: 'En attente de réponse',
  answered: 'Répondue',
  solved: 'Résolue',
};

const STATUS_TONES = { pending: 'warning', answered: 'info', solved: 'success' } as const;

/** The question's state on its post page (KindDetails slot): status, deadline, who answered. */
export function QuestionDetails({ post }: { post: Post }) {
  const question = useQuestion(post.id);
  if (question.isPending) return <Spinner label="Chargement de l’état de la question…" />;
  const q = question.data;
  if (!q) return null;
  return (
    <section className="question-status card" aria-labelledby="question-status-title">
      <h2 id="question-status-title" className="visually-hidden">État de la question</h2>
      <p className="row">
        <Badge tone={STATUS_TONES[q.status]}>{STATUS_LABELS[q.status]}</Badge>
        {q.status === 'pending' ? (
          <span>
            Réponse attendue avant le <time dateTime={q.deadlineAt}>{formatDateTime(q.deadlineAt)}</time>
            {' '}(<TimeLeft deadlineAt={q.deadlineAt} now={Date.parse(q.now)} />)
          </span>
        ) : q.answeredAt ? (
          <span>
            Réponse{q.answeredBy ? ` de ${fullName(q.answeredBy)}` : ''} le <time dateTime={q.answeredAt}>{formatDateTime(q.answeredAt)}</time>
            {q.overdue ? ' (après l’échéance)' : ' (dans les délais)'}
          </span>
        ) : null}
      </p>
      {q.solutionCommentId ? (
        <p className="small"><a href={`#commentaire-${q.solutionCommentId}`}>Voir la solution retenue par l’auteur·e de la question</a></p>
      ) : q.answerCommentId ? (
        <p className="small"><a href={`#commentaire-${q.answerCommentId}`}>Voir la réponse de l’équipe d’animation</a></p>
      ) : null}
    </section>
  );
}
