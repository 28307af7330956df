import { useState } from 'react';
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
                {items.map((c) => (
                  <CommentItem
                    key={c.id}
                    comment={c}
                    postId={post.id}
                    parent={c.replyToId ? byId.get(c.replyToId) : undefined}
                    canReply={post.can.comment}
                    onReply={() => reply(c)}
                  />
                ))}
              </ol>
              <LoadMore query={comments} label="Charger plus de commentaires" />
            </>
          )
        }
      </QueryState>
      {post.can.comment ? (
        <CommentForm postId={post.id} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} onSent={() => setReplyTo(null)} />
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
