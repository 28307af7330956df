import { useBookmarks } from '../../api/reading';
import { PostList } from '../../components/PostList';
import { RequireAuth } from '../../components/RequireAuth';
import { useTitle } from '../../lib/useTitle';
import { LoadMore, QueryState } from '../../ui';

/** /enregistrements — « Mes enregistrements »: the posts I saved, the most recently saved first. */
export default function BookmarksPage() {
  useTitle('Mes enregistrements');
  const bookmarks = useBookmarks();
  return (
    <RequireAuth>
      <div className="page-head"><h1>Mes enregistrements</h1></div>
      <p className="muted">Les publications que vous avez enregistrées avec « Enregistrer », la plus récente d’abord.</p>
      <QueryState query={bookmarks} loading="Chargement des enregistrements…">
        {(data) => {
          const posts = data.pages.flatMap((p) => p.items.map((b) => b.post));
          if (posts.length === 0) return <p>Aucune publication enregistrée. Utilisez « Enregistrer » sur une publication pour la retrouver ici.</p>;
          return (
            <>
              <PostList posts={posts} headingLevel={2} />
              <LoadMore query={bookmarks} label="Charger plus d’enregistrements" />
            </>
          );
        }}
      </QueryState>
    </RequireAuth>
  );
}
