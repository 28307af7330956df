/**
 * A realistic mixed workload (issue 19): 1,000 distinct signed-in members and anonymous readers, posts and
 * communities drawn with a Zipf law over the whole data set, 90 % reads and 10 % writes, on a database filled by
 * `npm run seed:large`. Prints the page cache's hit rate.
 *
 *   DATABASE_URL=postgres://… npm run bench:mixed      (BENCH_SECONDS=10, BENCH_CONNECTIONS=50, BENCH_MEMBERS=1000)
 */
import { openBench, clean, SECONDS, type Floor, type Variant } from './harness.js';
import { pickFixtures } from './fixtures.js';
import { loadPopulation, openPolls, planRequests } from './mixed-plan.js';
import { addDays, utcToParis } from '../common/time/index.js';

const KINDS: [string, RegExp][] = [
  ['fil de communauté', /^GET \/api\/communities\/[^/]+\/posts/], ['mon fil', /^GET \/api\/feed/],
  ['page publication', /^GET \/api\/posts\/\d+$/], ['commentaires', /^GET \/api\/posts\/\d+\/comments/],
  ['recherche', /^GET \/api\/search/], ['agenda', /^GET .*\/events/], ['notifications', /^GET \/api\/notifications/],
  ['nouveau commentaire', /^POST .*\/comments/], ['« utile »', /^PUT /], ['nouvelle publication', /^POST .*\/posts$/], ['vote', /^POST .*\/vote/],
];
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1000);
/** Each request labelled with its kind: the mix reports its latencies per kind (which kinds make its tail). */
const labelled = (plan: Variant[]) => plan.map((v) => ({ ...v, label: KINDS.find(([, match]) => match.test(`${v.method ?? 'GET'} ${v.path}`))?.[0] }));

const bench = await openBench('Charge mixte : 90 % de lectures, 10 % d’écritures, loi de Zipf sur tout le jeu de données');
const floors: Floor[] = [];
let failed: unknown;
try {
  const fx = await pickFixtures(bench.pool, bench.session);
  const refJson = await bench.check('publication', { path: `/api/posts/${fx.longPost.id}`, headers: { cookie: fx.feedMember.cookie } }, 200);
  const pop = await loadPopulation(bench.pool, bench.session, MEMBERS);
  await openPolls(bench.pool, bench.base, pop, bench.session);
  const monthStart = `${utcToParis(new Date()).date.slice(0, 7)}-01`;
  const month = { from: monthStart, to: addDays(`${addDays(monthStart, 32).slice(0, 8)}01`, -1) };
  console.log(`Données : ${pop.postIds.length} publications visibles, ${pop.communities.length} communautés ouvertes, `
    + `${pop.members.length} membres distincts connectés (et des lecteurs anonymes), ${pop.polls.filter(Boolean).length} sondages ouverts.\n`);

  // Enough distinct requests that none repeats within a measure (a vote repeated would be refused).
  const perRun = Math.max(20_000, SECONDS * 6_000);
  const voted = new Set<string>();
  await bench.load(planRequests(pop, perRun, 1, voted, month), 5); // warm-up: JIT, pool connections, PostgreSQL cache
  const ref = await bench.measureReference(refJson);
  const { hits, misses } = await bench.pageCache();
  const mixed = await bench.measure('charge mixte (50 connexions)', labelled(planRequests(pop, perRun, 2, voted, month)));
  const cache = await bench.pageCache();
  const hitRate = (cache.hits - hits) / Math.max(1, cache.hits - hits + cache.misses - misses);

  console.log(`charge mixte : ${mixed.rps.toFixed(0)} req/s, p99 ${mixed.p99.toFixed(0)} ms, ${((100 * mixed.rps) / ref.rps).toFixed(0)} % de la référence ; `
    + `cache des pages : ${(100 * hitRate).toFixed(0)} % de lectures servies (${cache.size} pages, `
    + `${(cache.bytes / 1024 / 1024).toFixed(1)} Mo estimés sur ${(cache.maxBytes / 1024 / 1024).toFixed(0)})`);
  console.log('Latence par type de requête dans la charge mixte (ms) :');
  for (const [label, t] of Object.entries(mixed.byLabel ?? {}).sort((a, b) => b[1].p99 - a[1].p99)) {
    console.log(`  ${label.padEnd(24)} ${String(t.count).padStart(6)} requêtes   p50 ${t.p50.toFixed(0).padStart(4)}   p99 ${t.p99.toFixed(0).padStart(4)}`);
  }
  console.log('');
  if (process.env.BENCH_SPLIT) {
    // Each kind of request of the mix alone, to see what it costs (not part of the floors).
    const all = planRequests(pop, perRun, 3, voted, month);
    for (const [label, match] of KINDS) {
      const some = all.filter((v) => match.test(`${v.method ?? 'GET'} ${v.path}`));
      if (some.length > 0) await bench.measure(`  dont ${label}`, some);
    }
  }
  const peak = await bench.peakMemory();
  // What is still alive once collected (with BENCH_API_NODE_ARGS=--expose-gc): the caches' real size, against the
  // peak, which also counts garbage V8 had not collected yet.
  const live = await bench.memoryNow(true);
  console.log(`RSS max du processus de l’API : ${peak.rssMb.toFixed(0)} Mo (tas JS ${peak.heapMb.toFixed(0)} Mo, hors tas ${peak.externalMb.toFixed(0)} Mo) ; `
    + `à la fin : RSS ${live.rssMb.toFixed(0)} Mo, tas ${live.heapMb.toFixed(0)} Mo\n`);
  floors.push(
    ['charge mixte ≥ 1 500 req/s', mixed.rps >= 1500],
    ['charge mixte p99 < 100 ms', mixed.p99 < 100],
    ['aucune erreur', clean(mixed)],
    ['RSS de l’API < 300 Mo', peak.rssMb < 300],
  );
} catch (err) {
  failed = err;
}
process.exit(await bench.finish(floors, failed));
