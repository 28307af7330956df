import { Link } from 'react-router';
import { useCurrentUser } from '../../api/session';
import { formatDateTime } from '../../lib/format';
import { Alert, Card, QueryState } from '../../ui';
import { CloseNow, PublishResultsForm } from '../../components/ConsultationStaff';
import { useClosePoll, usePoll, usePublishResults, type Poll } from './api';
import { PollResults } from './PollResults';
import { VoteForm } from './VoteForm';
import './polls.css';

/** The poll part of a post page (KindDetails slot for kind 'sondage'). */
export function PollPanel({ postId }: { postId: number }) {
  const poll = usePoll(postId);
  return (
    <QueryState query={poll} loading="Chargement du sondage…">
      {(p) => <PollView poll={p} />}
    </QueryState>
  );
}

function PollView({ poll }: { poll: Poll }) {
  const user = useCurrentUser();
  return (
    <Card as="section" className="poll">
      <h2 className="card__title" id={`poll-${poll.postId}-title`}>Sondage</h2>
      <p className="muted small">
        {poll.closed ? 'Sondage clos le ' : 'Réponses possibles jusqu’au '}
        <time dateTime={poll.closesAt}>{formatDateTime(poll.closesAt)}</time>
        {poll.resultsVisibility === 'after_close' ? ' · résultats publiés à la clôture' : ''}
      </p>
      {poll.resultsPost ? (
        <Alert tone="info" live={false}>
          <p>Les résultats ont été publiés : <Link to={`/publications/${poll.resultsPost.id}`}>{poll.resultsPost.title}</Link></p>
        </Alert>
      ) : null}
      {poll.myVote ? (
        <p className="poll__voted">
          <strong>Merci, votre réponse est enregistrée</strong> (le {formatDateTime(poll.myVote.createdAt)}).
        </p>
      ) : null}
      {poll.can.vote ? <VoteForm poll={poll} /> : <WhyNoVote poll={poll} signedIn={Boolean(user)} />}
      {poll.resultsVisible ? (
        <PollResults poll={poll} />
      ) : (
        <p className="muted">Les résultats seront visibles à la clôture du sondage.</p>
      )}
      {poll.freeText ? <FreeTextAnswers poll={poll} /> : null}
      <StaffTools poll={poll} />
    </Card>
  );
}

function WhyNoVote({ poll, signedIn }: { poll: Poll; signedIn: boolean }) {
  if (poll.myVote || poll.closed) return null;
  if (!signedIn) {
    return <p><Link to={`/connexion?suite=${encodeURIComponent(`/publications/${poll.postId}`)}`}>Connectez-vous</Link> pour répondre à ce sondage.</p>;
  }
  return <p className="muted">Rejoignez l’e-communauté « {poll.community.name} » pour répondre à ce sondage.</p>;
}

function FreeTextAnswers({ poll }: { poll: Poll }) {
  const ft = poll.freeText!;
  return (
    <section aria-labelledby={`poll-${poll.postId}-free`}>
      <h3 id={`poll-${poll.postId}-free`}>Réponses libres ({ft.count})</h3>
      <p className="muted small">Visibles par l’animation seulement ; les réponses sont anonymes.</p>
      {ft.items.length === 0 ? <p className="muted">Aucune réponse libre pour le moment.</p> : (
        <ul className="poll__free">
          {ft.items.map((a, i) => <li key={`${a.createdAt}-${i}`} className="pre-line">{a.text}</li>)}
        </ul>
      )}
      {ft.nextCursor ? <p className="muted small">Seules les {ft.items.length} réponses les plus récentes sont affichées.</p> : null}
    </section>
  );
}

function StaffTools({ poll }: { poll: Poll }) {
  const close = useClosePoll(poll.postId);
  const publish = usePublishResults(poll.postId);
  if (!poll.can.close && !poll.can.publishResults) return null;
  return (
    <section aria-labelledby={`poll-${poll.postId}-staff`} className="stack poll__staff">
      <h3 id={`poll-${poll.postId}-staff`}>Animation du sondage</h3>
      {poll.can.close ? (
        <CloseNow what={{ the: 'le sondage', this: 'ce sondage' }} answers={{ count: poll.totalVoters ?? 0, noun: 'réponse' }} close={close} />
      ) : null}
      {poll.can.publishResults ? <PublishResultsForm published="le tableau des résultats" publish={publish} /> : null}
    </section>
  );
}
