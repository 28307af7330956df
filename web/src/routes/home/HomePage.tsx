import { Link } from 'react-router';
import { useCurrentUser, useMe } from '../../api/session';
import { useFeed } from '../../api/posts';
import { PostList } from '../../components/PostList';
import { PrivateFeed } from '../../components/PrivateFeed';
import { ROLE_LABELS } from '../../lib/labels';
import { useTitle } from '../../lib/useTitle';
import { Badge, Button, ButtonLink, Card, LoadMore, QueryState, Spinner } from '../../ui';
import { useMarkAllRead } from '../../api/reading';

export default function HomePage() {
  const user = useCurrentUser();
  if (user === undefined) return <Spinner />;
  return user ? <MyHome /> : <Welcome />;
}

function Welcome() {
  useTitle('Accueil');
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">Le réseau professionnel des agents territoriaux</h1>
        <p className="hero__lead">
          Les e-communautés réunissent les agents des collectivités autour de leurs métiers et de leurs politiques
          publiques : s’informer, poser ses questions, partager ses pratiques et se former entre pairs.
        </p>
        <div className="row">
          <ButtonLink to="/inscription">Créer un compte</ButtonLink>
          <ButtonLink to="/communautes" variant="secondary">Parcourir l’annuaire des e-communautés</ButtonLink>
        </div>
        <p className="small" style={{ marginTop: 'var(--sp-3)' }}>Déjà membre ? <Link to="/connexion">Se connecter</Link></p>
      </section>
      <section aria-labelledby="how-title">
        <h2 id="how-title">Comment ça marche ?</h2>
        <ul className="grid">
          <Card as="li"><h3 className="card__title">Rejoindre des e-communautés</h3><p>Chaque e-communauté rassemble des agents d’un même métier ou d’une même politique publique, animée par des professionnels.</p></Card>
          <Card as="li"><h3 className="card__title">Partager et échanger</h3><p>Publiez vos questions, vos retours d’expérience et vos documents ; commentez et signalez les contributions utiles.</p></Card>
          <Card as="li"><h3 className="card__title">Suivre votre fil</h3><p>Retrouvez sur votre page d’accueil les dernières publications de toutes vos e-communautés.</p></Card>
        </ul>
      </section>
    </>
  );
}

function MyHome() {
  useTitle('Mon fil');
  const feed = useFeed();
  const me = useMe();
  const posts = feed.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="two-cols">
      <div>
        <h1>Mon fil</h1>
        <section aria-labelledby="feed-title">
          <h2 id="feed-title" className="visually-hidden">Dernières publications de mes e-communautés</h2>
          <QueryState query={feed} loading="Chargement du fil…">
            {() =>
              posts.length === 0 ? (
                <Card>
                  <p>Votre fil est vide pour l’instant : rejoignez des e-communautés pour voir leurs publications ici.</p>
                  <ButtonLink to="/communautes" variant="secondary">Parcourir l’annuaire</ButtonLink>
                </Card>
              ) : (
                <>
                  {posts.some((p) => p.isNew || p.unreadComments) ? <MarkAllRead /> : null}
                  <PostList posts={posts} />
                  <LoadMore query={feed} />
                </>
              )
            }
          </QueryState>
        </section>
      </div>
      <aside aria-labelledby="mine-title">
        <h2 id="mine-title" className="aside-title">Mes e-communautés</h2>
        <QueryState query={me}>
          {(data) =>
            data.memberships.length === 0 ? (
              <p className="muted">Vous n’avez encore rejoint aucune e-communauté.</p>
            ) : (
              <ul className="plain-list">
                {data.memberships.map((m) => (
                  <li key={m.community.id}>
                    <Link to={`/communautes/${m.community.slug}`}>{m.community.name}</Link>
                    {m.role !== 'member' ? <> <Badge tone="info">{ROLE_LABELS[m.role]}</Badge></> : null}
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
        <p style={{ marginTop: 'var(--sp-4)' }}><Link to="/communautes">Trouver d’autres e-communautés</Link></p>
        <PrivateFeed kind="atom" headingId="my-atom-title" title="Suivre mon fil par flux Atom" />
      </aside>
    </div>
  );
}

/** « Tout marquer comme lu » in every community of mine, shown while the feed holds something new. */
function MarkAllRead() {
  const mark = useMarkAllRead(null);
  return (
    <div className="row since-visit">
      <Button variant="secondary" small isPending={mark.isPending} onPress={() => mark.mutate()}>Tout marquer comme lu</Button>
      {mark.error ? <p className="small field__error" role="alert">{mark.error.message}</p> : null}
    </div>
  );
}
