import type { ReactNode } from 'react';
import type { Post } from '../../../api/types';
import { QuestionDetails } from '../../questions/QuestionDetails';
import { QuestionDetails } from '../../questions/QuestionDetails';
import EventDetails from '../../agenda/EventDetails';

/**
 * Kind-specific part of a post page (event dates, poll, question status...).
 * Each kind's module adds one entry; kinds without one show only the body.
 */
const renderers: Partial<Record<string, (post: Post) => ReactNode>> = {
  question: (post) => <QuestionDetails post={post} />,
  question: (post) => <QuestionDetails post={post} />,
  evenement: (post) => <EventDetails postId={post.id} />,
};

export function KindDetails({ post }: { post: Post }) {
  const render = renderers[(post as Post & { kind?: string }).kind ?? 'discussion'];
  return render ? <>{render(post)}</> : null;
}
