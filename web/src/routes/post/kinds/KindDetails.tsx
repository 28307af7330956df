import type { ReactNode } from 'react';
import type { Post } from '../../../api/types';
import { PollPanel } from '../../polls/PollPanel';
import { QuestionDetails } from '../../questions/QuestionDetails';
import EventDetails from '../../agenda/EventDetails';
import { ArticleDetails, LinkDetails, ShareDetails } from './EditorialDetails';

/**
 * Kind-specific part of a post page (event dates, poll, question status...).
 * Each kind's module adds one entry; kinds without one show only the body.
 */
const renderers: Partial<Record<string, (post: Post) => ReactNode>> = {
  sondage: (post) => <PollPanel postId={post.id} />,
  question: (post) => <QuestionDetails post={post} />,
  evenement: (post) => <EventDetails postId={post.id} />,
  article: (post) => <ArticleDetails post={post} />,
  veille: (post) => <LinkDetails post={post} />,
  ressource: (post) => <LinkDetails post={post} />,
  partage: (post) => <ShareDetails post={post} />,
};

export function KindDetails({ post }: { post: Post }) {
  const render = renderers[(post as Post & { kind?: string }).kind ?? 'discussion'];
  return render ? <>{render(post)}</> : null;
}
