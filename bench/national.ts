/**
 * HTTP benchmark of national steering (issue 5) on a database filled by `npm run seed:large`
 * (220,000 members, 40 communities): the national dashboard and the animator dashboard.
 *
 *   DATABASE_URL=postgres://… npm run bench:national      (BENCH_SECONDS=10, BENCH_CONNECTIONS=50)
 *
 * The national dashboard reads rollups: the run refreshes them once (as the job does every ten minutes)
 * and prints how long that took. The data set has no national administrator: the run adds one bench
 * account (idempotent, same e-mail each time) and nothing else.
 */
import { openBench, clean, type Floor } from './harness.js';
import { pickFixtures } from './fixtures.js';
import { refreshRollups } from '../server/src/modules/national/rollups.js';

const bench = await openBench('Pilotage national : tableau de bord national et tableau de bord d’animation');
const floors: Floor[] = [];
let failed: unknown;
try {
  const fx = await pickFixtures(bench.pool, bench.session);
  const { rows: adminRows } = await bench.pool.query<{ id: number }>(`
    INSERT INTO users (email, password_hash, first_name, last_name, national_role, email_verified_at)
    VALUES ('bench-national-admin@e-communautes.test', 'bench-no-login', 'Banc', 'National', 'admin', now())
    ON CONFLICT (email) DO UPDATE SET national_role = 'admin' RETURNING id::int AS id`);
  const admin = await bench.session(adminRows[0]!.id);
  const animatorRow = (await bench.pool.query<{ user_id: number }>(`
    SELECT m.user_id::int AS user_id FROM memberships m JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL
     WHERE m.community_id = $1 AND m.role = 'animator' ORDER BY m.user_id LIMIT 1`, [fx.community.id])).rows[0];
  if (!animatorRow) throw new Error(`Aucun animateur dans « ${fx.community.name} ».`);
  const animator = await bench.session(animatorRow.user_id);

  const t0 = performance.now();
  await refreshRollups(bench.db);
  const refreshMs = performance.now() - t0;

  const national = { path: '/api/national/dashboard', headers: { cookie: admin.cookie } };
  const animatorDash = { path: `/api/communities/${fx.community.slug}/steering/animator`, headers: { cookie: animator.cookie } };
  const body = JSON.parse(await bench.check('tableau de bord national', national, 200)) as { communities: unknown[]; network: { subscribers: number }; refreshedAt: string };
  const { rows: live } = await bench.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM communities WHERE status <> 'archived'`);
  if (body.communities.length !== live[0]!.n) throw new Error(`Tableau de bord national : ${body.communities.length} e-communautés (${live[0]!.n} attendues).`);
  const refBody = await bench.check('tableau de bord d’animation', animatorDash, 200);
  console.log(`Données : ${body.communities.length} e-communautés, ${body.network.subscribers} abonnés distincts ; `
    + `indicateurs recalculés en ${(refreshMs / 1000).toFixed(1)} s (tâche refresh-national-rollups) ; `
    + `animateur·rice de « ${fx.community.name} » (${fx.community.postCount} publications).\n`);

  await bench.load([national, animatorDash], 3);
  await bench.measureReference(refBody);
  // The harness's 50 connections, then the audience each page really has: the national team is a few
  // people (10 connections is generous), an animator dashboard is opened by ~100 animators network-wide.
  await bench.measure('tableau de bord national (50 conn.)', [national]);
  await bench.measure('tableau de bord d’animation (50 conn.)', [animatorDash]);
  const n = await bench.measure('tableau de bord national (10 conn.)', [national], 10);
  const a = await bench.measure('tableau de bord d’animation (10 conn.)', [animatorDash], 10);
  floors.push([`tableau de bord national p99 ${n.p99} ms < 300 ms (10 connexions)`, clean(n) && n.p99 < 300]);
  floors.push([`tableau de bord d’animation p99 ${a.p99} ms < 100 ms (10 connexions)`, clean(a) && a.p99 < 100]);
} catch (err) {
  failed = err;
}
process.exit(await bench.finish(floors, failed));
