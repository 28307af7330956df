/**
 * Benchmark of the quarterly activity report (issue 5) on a database filled by `npm run seed:large`:
 * its figures (GET /api/reports/:id of a draft, computed from the data on each read) and its PDF export,
 * for the community closest to 50,000 members, one user at a time (the report is read, not hammered).
 *
 *   DATABASE_URL=postgres://… npm run bench:reports        (BENCH_SECONDS=10)
 *
 * The run adds, idempotently, one review meeting (agenda "bench:reports") over the last full Paris
 * quarter and one draft report of one of the community's animators; nothing else is written.
 */
import { openBench, clean, type Floor } from './harness.js';
import { quarterOf } from '../server/src/modules/steering/coordinator.js';
import { addMonths, parisMonthNow } from '../common/time/index.js';

const bench = await openBench('Pilotage : rapport d’activité trimestriel (chiffres et PDF)');
const floors: Floor[] = [];
let failed: unknown;
try {
  const { rows: [community] } = await bench.pool.query<{ id: number; slug: string; name: string; member_count: number }>(
    `SELECT id::int AS id, slug, name, member_count FROM communities ORDER BY abs(member_count - 50000), id LIMIT 1`);
  if (!community) throw new Error('Aucune e-communauté : lancez d’abord npm run seed:large.');
  const { rows: [staff] } = await bench.pool.query<{ user_id: number }>(
    `SELECT m.user_id::int AS user_id FROM memberships m JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL
      WHERE m.community_id = $1 AND m.role = 'animator' ORDER BY m.user_id LIMIT 1`, [community.id]);
  if (!staff) throw new Error(`Aucun animateur dans « ${community.name} ».`);

  // The last full quarter before this one.
  const quarter = quarterOf(addMonths(quarterOf(parisMonthNow()).from, -1));
  const toMonth = addMonths(quarter.to, -1);
  const [y, m] = toMonth.split('-').map(Number) as [number, number];
  const periodTo = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  let { rows: [meeting] } = await bench.pool.query<{ id: number }>(
    `SELECT id::int AS id FROM review_meetings WHERE community_id = $1 AND agenda = 'bench:reports' AND period_from = $2::date`,
    [community.id, `${quarter.from}-01`]);
  if (!meeting) {
    ({ rows: [meeting] } = await bench.pool.query<{ id: number }>(
      `INSERT INTO review_meetings (community_id, scheduled_at, period_from, period_to, agenda)
       VALUES ($1, now(), $2::date, $3::date, 'bench:reports') RETURNING id::int AS id`,
      [community.id, `${quarter.from}-01`, periodTo]));
  }
  const { rows: [report] } = await bench.pool.query<{ id: number }>(
    `INSERT INTO activity_reports (meeting_id, community_id, author_id) VALUES ($1, $2, $3)
     ON CONFLICT (meeting_id, author_id) DO UPDATE SET updated_at = now() RETURNING id::int AS id`,
    [meeting!.id, community.id, staff.user_id]);
  const animator = await bench.session(staff.user_id);
  const headers = { cookie: animator.cookie };
  const figures = { path: `/api/reports/${report!.id}`, headers };
  const pdf = { path: `/api/reports/${report!.id}/export?format=pdf`, headers };

  const body = JSON.parse(await bench.check('rapport (chiffres)', figures, 200)) as {
    status: string; figures: { members: { atEnd: number; joined: number; active: number }; contributions: { total: number }; questions: { asked: number } };
  };
  if (body.status !== 'draft') throw new Error('Le rapport du banc doit rester un brouillon (chiffres recalculés à chaque lecture).');
  await bench.check('rapport (PDF)', pdf, 200);
  const f = body.figures;
  console.log(`Données : « ${community.name} » (${community.member_count} membres), ${quarter.label} ; `
    + `${f.members.atEnd} membres en fin de période, ${f.members.joined} nouveaux, ${f.members.active} actifs, `
    + `${f.contributions.total} contributions de l’animateur·rice, ${f.questions.asked} questions.\n`);

  await bench.load([figures, pdf], 3, 1);
  await bench.measureReference(JSON.stringify(body));
  const fig = await bench.measure('rapport trimestriel : chiffres', [figures], 1);
  const doc = await bench.measure('rapport trimestriel : PDF', [pdf], 1);
  floors.push([`chiffres du rapport trimestriel p99 ${fig.p99} ms < 1 000 ms`, clean(fig) && fig.p99 < 1000]);
  floors.push([`PDF du rapport trimestriel p99 ${doc.p99} ms < 3 000 ms`, clean(doc) && doc.p99 < 3000]);
} catch (err) {
  failed = err;
}
process.exit(await bench.finish(floors, failed));
