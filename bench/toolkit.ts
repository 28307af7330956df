/**
 * HTTP benchmark of the animation toolkit (issue 3) on a database filled by `npm run seed:large`:
 * full-text search, "Questions à traiter" and a community agenda month.
 *
 *   DATABASE_URL=postgres://… npm run bench:toolkit      (BENCH_SECONDS=10, BENCH_CONNECTIONS=50)
 *
 * One post in twelve of the data set is a question with its deadline (bench/large-questions.ts).
 */
import { openBench, clean, type Floor, type Variant } from './harness.js';
import { pickFixtures } from './fixtures.js';
import { addDays, utcToParis } from '../common/time/index.js';

// The search floor is the search's own cost: six queries repeated would all be served by the hit cache
// (search/hit-cache.ts), so the API measured here runs every search in full. bench:mixed keeps the cache on.
process.env.SEARCH_CACHE_SECONDS ??= '0';
const bench = await openBench('Boîte à outils de l’animation : recherche, questions à traiter, agenda');
const floors: Floor[] = [];
let failed: unknown;
try {
  const fx = await pickFixtures(bench.pool, bench.session);
  const { rows: asked } = await bench.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM questions`);
  if (asked[0]!.n === 0) {
    throw new Error('Ce jeu de données n’a pas de questions (chargé avant le 7 décembre) : rechargez-le avec `npm run seed:large -- --force`.');
  }
  const animatorRow = (await bench.pool.query<{ user_id: number }>(`
    SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL
     WHERE m.community_id = $1 AND m.role = 'animator' ORDER BY m.user_id LIMIT 1`, [fx.community.id])).rows[0];
  if (!animatorRow) throw new Error(`Aucun animateur dans « ${fx.community.name} ».`);
  const animator = await bench.session(animatorRow.user_id);

  const reader = { cookie: fx.feedMember.cookie };
  // Issue 3: search at 20 connections, frequent and rarer French words, accents, a plural, as a member of five communities.
  const search: Variant[] = ['contrat de ville', 'élus', 'budget', 'renouvellement urbain', 'formation', 'cités éducatives']
    .map((q) => ({ path: `/api/search?q=${encodeURIComponent(q)}`, headers: reader }));
  const pending: Variant = { path: `/api/communities/${fx.community.slug}/questions/pending`, headers: { cookie: animator.cookie } };
  // This month of the big community's agenda, as the month grid asks for it (Paris days).
  const monthStart = `${utcToParis(new Date()).date.slice(0, 7)}-01`;
  const monthEnd = addDays(`${addDays(monthStart, 32).slice(0, 8)}01`, -1);
  const month: Variant = { path: `/api/communities/${fx.community.slug}/events/month?from=${monthStart}&to=${monthEnd}`, headers: reader };

  // The same-run reference serves the foundation bench's bytes: the post page with its 50 comments.
  const refJson = await bench.check('publication', { path: `/api/posts/${fx.longPost.id}`, headers: reader }, 200);
  for (const v of search) await bench.check('recherche', v, 200);
  const pendingJson = JSON.parse(await bench.check('questions à traiter', pending, 200)) as { items: unknown[]; counts: { open: number; overdue: number } };
  const monthJson = JSON.parse(await bench.check('agenda (un mois)', month, 200)) as { items: unknown[] };
  const hits = JSON.parse(await bench.check('recherche', search[0]!, 200)) as { items: unknown[] };
  if (hits.items.length === 0) throw new Error('La recherche « contrat de ville » ne trouve rien : jeu de données inattendu.');

  console.log(`Données : « ${fx.community.name} » (${fx.community.postCount} publications) ; questions à traiter : `
    + `${pendingJson.counts.open} ouvertes dont ${pendingJson.counts.overdue} en retard (${pendingJson.items.length} par page) ; `
    + `agenda ${monthStart} → ${monthEnd} : ${monthJson.items.length} événements ; lecteur membre de ${fx.feedMember.communities} communautés.\n`);

  await bench.load([...search, pending, month], 3, 20); // warm-up: JIT, pool connections, PostgreSQL cache
  const ref = await bench.measureReference(refJson);
  const found = await bench.measure('recherche (20 connexions)', search, 20);
  const queue = await bench.measure('questions à traiter', [pending]);
  const queue10 = await bench.measure('questions à traiter (10 conn.)', [pending], 10);
  const agenda = await bench.measure('agenda (un mois)', [month]);
  const agenda10 = await bench.measure('agenda (un mois, 10 conn.)', [month], 10);

  const pct = (rps: number) => `${((100 * rps) / ref.rps).toFixed(0)} % de la référence`;
  console.log(`recherche : ${found.rps.toFixed(0)} req/s (${pct(found.rps)}) ; questions à traiter : ${queue.rps.toFixed(0)} req/s `
    + `(${pct(queue.rps)}) ; agenda : ${agenda.rps.toFixed(0)} req/s (${pct(agenda.rps)})\n`);
  floors.push(
    // autocannon reports p97.5, not p95: a stricter reading of the floor.
    ['recherche p95 < 100 ms à 20 connexions (lu au p97,5)', found.p97 < 100],
    ['questions à traiter p99 < 30 ms (10 connexions)', queue10.p99 < 30],
    ['agenda d’un mois p99 < 30 ms (10 connexions)', agenda10.p99 < 30],
    ['aucune erreur', [found, queue, queue10, agenda, agenda10].every(clean)],
  );
} catch (err) {
  failed = err;
}
process.exit(await bench.finish(floors, failed));
