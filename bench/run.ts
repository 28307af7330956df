/**
 * HTTP benchmark of the foundation (issue 2) on a database filled by `npm run seed:large`.
 *
 *   DATABASE_URL=postgres://… npm run bench        (BENCH_SECONDS=10, BENCH_CONNECTIONS=50)
 *
 * Other areas have their own files (bench/<area>.ts, `npm run bench:<area>`) on the same harness.
 */
import { openBench, clean, type Floor, type Variant } from './harness.js';
import { pickFixtures } from './fixtures.js';

const bench = await openBench('Socle : fil, publication, commentaires');
const floors: Floor[] = [];
let failed: unknown;
try {
  const fx = await pickFixtures(bench.pool, bench.session);
  const reader = { cookie: fx.feedMember.cookie };
  const feed: Variant = { path: `/api/communities/${fx.community.slug}/posts`, headers: reader };
  const post: Variant = { path: `/api/posts/${fx.longPost.id}`, headers: reader };
  const comments: Variant = { path: `/api/posts/${fx.longPost.id}/comments?limit=50`, headers: reader };
  // Many members read the feed and the post at once, as on a real network: readers of one turn share the hot
  // statement (posts/post-state.ts, posts/feed-statement.ts), but one member asking 50 times at once would share even its answer.
  const readers = [fx.feedMember, ...fx.commenters].map((m) => ({ cookie: m.cookie }));
  const feedReaders: Variant[] = readers.map((headers) => ({ ...feed, headers }));
  const postReaders: Variant[] = readers.map((headers) => ({ ...post, headers }));
  const commentReaders: Variant[] = readers.map((headers) => ({ ...comments, headers }));
  const myFeed: Variant = { path: '/api/feed', headers: reader };
  const myFeedReaders: Variant[] = fx.feedMembers.map((m) => ({ ...myFeed, headers: { cookie: m.cookie } }));
  const anonymousFeed: Variant = { path: `/api/communities/${fx.community.slug}/posts` };
  // Search, agenda and "Questions à traiter" are measured by bench/toolkit.ts (npm run bench:toolkit).
  const create: Variant[] = fx.commenters.map((c, i) => ({
    method: 'POST', path: `/api/posts/${fx.recentPosts[i % fx.recentPosts.length]}/comments`,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ body: `Merci pour ce partage (${Date.now().toString(36)}-${i}-{n}), nous avons fait la même chose chez nous avec de bons résultats.` }),
  }));

  await bench.check('fil de la communauté', feed, 200);
  const postJson = await bench.check('publication', post, 200);
  const commentsJson = await bench.check('commentaires', comments, 200);
  await bench.check('mon fil', myFeed, 200);
  await bench.check('fil anonyme', anonymousFeed, 200);
  await bench.check('nouveau commentaire', create[0]!, 201);
  // The post page is ONE request: the post carries its first page of comments. The reference
  // serves those same bytes from memory.
  const shown = (JSON.parse(postJson) as { comments: { items: unknown[] } }).comments.items.length;
  if (shown !== (JSON.parse(commentsJson) as { items: unknown[] }).items.length) throw new Error('page de commentaires incohérente');

  console.log(`Données : « ${fx.community.name} » (${fx.community.postCount} publications), publication ${fx.longPost.id} `
    + `(${fx.longPost.commentCount} commentaires, ${shown} affichés), membre de ${fx.feedMember.communities} communautés, `
    + `${fx.commenters.length} membres qui commentent ${fx.recentPosts.length} publications récentes.\n`);

  await bench.load([...postReaders, ...commentReaders, ...feedReaders, ...myFeedReaders, anonymousFeed], 3); // warm-up: JIT, pool connections, PostgreSQL cache
  const ref = await bench.measureReference(postJson);
  const feedRun = await bench.measure('fil de la communauté', feedReaders);
  const anonymousRun = await bench.measure('fil de la communauté (anonyme)', [anonymousFeed]);
  const page = await bench.measure('page publication (+50 comm.)', postReaders);
  const commentsRun = await bench.measure('commentaires (route seule, 50)', commentReaders);
  const myFeedRun = await bench.measure('mon fil (5 communautés)', myFeedReaders);
  const written = await bench.measure('nouveau commentaire', create);

  console.log(`page d’une publication (une requête : publication + 50 commentaires) : ${page.rps.toFixed(0)} pages/s, `
    + `p99 ${page.p99.toFixed(0)} ms, ${((100 * page.rps) / ref.rps).toFixed(0)} % de la référence`);
  const peak = await bench.peakMemory();
  console.log(`RSS max du processus de l’API (générateur de charge à part) : ${peak.rssMb.toFixed(0)} Mo`
    + ` (tas JS ${peak.heapMb.toFixed(0)} Mo, hors tas ${peak.externalMb.toFixed(0)} Mo)\n`);
  floors.push(
    // Issue 19: the feeds as fast as the post page, for members (their marks overlaid) and anonymous readers.
    ...([['fil de la communauté', feedRun], ['fil anonyme', anonymousRun], ['mon fil', myFeedRun]] as const).flatMap(([label, r]): Floor[] => [
      [`${label} p99 < 30 ms`, r.p99 < 30], [`${label} ≥ 30 % de la référence`, r.rps >= 0.3 * ref.rps]]),
    ['commentaires (route seule) p99 < 30 ms', commentsRun.p99 < 30],
    ['page publication p99 < 50 ms', page.p99 < 50],
    ['page publication ≥ 50 % de la référence', page.rps >= 0.5 * ref.rps],
    ['création de commentaires ≥ 500/s', written.rps >= 500 && clean(written)],
    ['RSS < 400 Mo', peak.rssMb < 400],
    ['aucune erreur', bench.rows.every(({ r }) => clean(r))],
  );
} catch (err) {
  failed = err;
}
process.exit(await bench.finish(floors, failed));
