import '../../components/drafts/reading.css';
import { useEffect, useRef, useState } from 'react';
import { usePostComments } from '../../api/posts';
import { useCurrentUser } from '../../api/session';
import type { Comment, Post } from '../../api/types';
import { plural } from '../../lib/format';
import { Link } from 'react-router';
import { LoadMore, QueryState } from '../../ui';
import { CommentForm } from './CommentForm';
import { CommentItem } from './CommentItem';

export function Comments({ post }: { post: Post }) {
  const comments = usePostComments(post);
  const user = useCurrentUser();
  const [replyTo, setReplyTo] = useState<Comment | null>(null);
  const items = comments.data ?? [];
  const byId = new Map(items.map((c) => [c.id, c]));
  const firstUnread = useFirstUnread(post, items, comments, user?.id ?? null);

  const reply = (c: Comment) => {
    setReplyTo(c);
    requestAnimationFrame(() => {
      const field = document.getElementById('comment-body');
      field?.scrollIntoView({ block: 'center' });
      field?.focus();
    });
  };

  return (
    <section aria-labelledby="comments-title" className="comments">
      <h2 id="comments-title">Commentaires ({post.commentCount})</h2>
      <QueryState query={comments} loading="Chargement des commentaires…">
        {() =>
          items.length === 0 ? (
            <p className="muted">Aucun commentaire pour le moment.</p>
          ) : (
            <>
              <p className="visually-hidden">{plural(items.length, 'commentaire affiché', 'commentaires affichés')}, du plus ancien au plus récent.</p>
              <ol className="plain-list comment-list">
                {items.map((c) => [
                  c.id === firstUnread ? (
                    <li key="nouveaux" id="nouveaux" className="unread-marker" tabIndex={-1}>
                      <span>Nouveaux depuis votre dernière visite</span>
                    </li>
                  ) : null,
                  <CommentItem
                    key={c.id}
                    comment={c}
                    postId={post.id}
                    parent={c.replyToId ? byId.get(c.replyToId) : undefined}
                    canReply={post.can.comment}
                    onReply={() => reply(c)}
                  />,
                ])}
              </ol>
              <LoadMore query={comments} label="Charger plus de commentaires" />
            </>
          )
        }
      </QueryState>
      {post.can.comment ? (
        <CommentForm postId={post.id} communitySlug={post.community.slug} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} onSent={() => setReplyTo(null)} />
      ) : user === null ? (
        <p><Link to={`/connexion?suite=${encodeURIComponent(`/publications/${post.id}`)}`}>Connectez-vous</Link> pour commenter.</p>
      ) : user && !user.emailVerified ? (
        <p className="muted">Confirmez votre adresse électronique pour commenter.</p>
      ) : user ? (
        <p className="muted">Rejoignez l’e-communauté <Link to={`/communautes/${post.community.slug}`}>{post.community.name}</Link> pour commenter.</p>
      ) : null}
    </section>
  );
}

/** Pages of comments loaded, at most, to reach the first unread one (50 each): beyond, the reader uses « Charger plus ». */
const UNREAD_SEARCH_PAGES = 20;

/**
 * The first comment written by someone else since the reader's previous visit, from the read state the page
 * came with (kept for the whole visit: a refetch after commenting must not move it). The page scrolls to it once.
 * When the post has comments newer than the last one seen but none is loaded yet, further pages are loaded
 * until it is: the marker is not lost on long discussions.
 */
function useFirstUnread(post: Post, items: Comment[], comments: ReturnType<typeof usePostComments>, me: number | null): number | null {
  const [state] = useState(post.readState);
  const scrolled = useRef(false);
  const searched = useRef(0);
  const isUnread = (c: Comment) => state !== undefined && (state.lastCommentId === null || c.id > state.lastCommentId);
  const first = state?.seen ? items.find((c) => isUnread(c) && c.author.id !== me)?.id ?? null : null;
  const newest = state?.newestCommentId ?? null;
  const lastLoaded = items.at(-1)?.id ?? null;
  const unreadBeyond = Boolean(state?.seen) && first === null && newest !== null && lastLoaded !== null && newest > lastLoaded
    && (state?.lastCommentId === null || newest > (state?.lastCommentId ?? 0));
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = comments;
  useEffect(() => {
    if (!unreadBeyond || !hasNextPage || isFetchingNextPage || searched.current >= UNREAD_SEARCH_PAGES) return;
    searched.current += 1;
    void fetchNextPage();
  }, [unreadBeyond, hasNextPage, isFetchingNextPage, fetchNextPage, lastLoaded]);
  useEffect(() => {
    if (first === null || scrolled.current || window.location.hash) return;
    scrolled.current = true;
    const marker = document.getElementById('nouveaux');
    marker?.scrollIntoView({ block: 'start' });
    marker?.focus({ preventScroll: true });
  }, [first]);
  return first;
}
