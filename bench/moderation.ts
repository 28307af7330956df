/**
 * HTTP benchmark of the review queue (issue 4) on a database filled by `npm run seed:large`:
 * the queue of a community holding 10,000 pending flags, read by its coordinator. Floor: p99 < 50 ms.
 *
 *   DATABASE_URL=postgres://… npm run bench:moderation      (BENCH_SECONDS=10, BENCH_FLOOR_CONNECTIONS=4)
 *
 * The data set has no flags. The run adds, once, 10,000 pending flags to the largest open community:
 * 8,000 on 3,200 posts and 2,000 on 1,000 comments, by distinct members, spread over the last 30 days.
 * They carry the comment BENCH_TAG, so a later run finds them (and adds nothing) and they can be told
 * apart from real ones; nothing else of the data set is written.
 */
import { addTaggedRows, largestOpenCommunity } from './area-fixtures.js';
import { clean, openBench, type Floor } from './harness.js';

const BENCH_TAG = 'banc-moderation';
const FLAGS = 10_000;
/** 4 requests at once on 2 cores measures the request rather than the queue in front of it. */
const FLOOR_CONNECTIONS = Number(process.env.BENCH_FLOOR_CONNECTIONS ?? 4);

const bench = await openBench('File de modération : une e-communauté avec 10 000 signalements en attente');
const floors: Floor[] = [];
let failed: unknown;
try {
  const { community, staffId: moderatorId } = await largestOpenCommunity(bench.pool);

  const { added, seconds } = await addTaggedRows(bench.pool, () => addFlags(community.id), ['flags']);
  const { rows: [counts] } = await bench.pool.query<{ tagged: number; pending: number }>(`
    SELECT count(*) FILTER (WHERE comment = $2)::int AS tagged, count(*) FILTER (WHERE status = 'pending')::int AS pending
      FROM flags WHERE community_id = $1`, [community.id, BENCH_TAG]);
  if (counts!.tagged !== FLAGS) throw new Error(`Signalements de banc d’essai : ${counts!.tagged} au lieu de ${FLAGS}.`);
  console.log(`« ${community.name} » : ${added} signalements ajoutés en ${seconds.toFixed(1)} s `
    + `(0 s’ils étaient déjà là), ${counts!.pending} en attente dans l’e-communauté.`);

  const moderator = await bench.session(moderatorId);
  const headers = { cookie: moderator.cookie };
  const queue = { path: `/api/communities/${community.slug}/moderation/queue`, headers };
  const first = JSON.parse(await bench.check('file', queue, 200)) as { items: { flagCount: number; reporters: unknown[] }[]; nextCursor: string | null };
  if (first.items.length !== 20 || !first.nextCursor) throw new Error('File : la première page devrait compter 20 contenus et une suite.');
  if (first.items.some((i) => i.flagCount < 1 || i.reporters.length < 1)) throw new Error('File : chaque contenu doit porter ses signalements.');
  const next = { path: `${queue.path}?cursor=${encodeURIComponent(first.nextCursor)}`, headers };
  await bench.check('file, page suivante', next, 200);
  const stats = { path: `/api/communities/${community.slug}/moderation/stats`, headers };
  await bench.check('chiffres', stats, 200);
  console.log(`Modérateur ${moderatorId} ; première page : ${first.items.length} contenus, `
    + `${first.items.reduce((n, i) => n + i.flagCount, 0)} signalements.\n`);

  await bench.load([queue, next], 3, FLOOR_CONNECTIONS);
  await bench.measureReference(JSON.stringify(first));
  // One request at a time: the request's own latency, without the queue in front of it.
  await bench.measure('file, 1re page (1 conn.)', [queue], 1);
  const firstPage = await bench.measure(`file, 1re page (${FLOOR_CONNECTIONS} conn.)`, [queue], FLOOR_CONNECTIONS);
  await bench.measure(`file, page suivante (${FLOOR_CONNECTIONS} conn.)`, [next], FLOOR_CONNECTIONS);
  await bench.measure(`chiffres sur 30 jours (${FLOOR_CONNECTIONS} conn.)`, [stats], FLOOR_CONNECTIONS);
  await bench.measure('file, 1re page (10 conn.)', [queue], 10);
  floors.push([`file de modération, 10 000 signalements, 1re page : p99 ${firstPage.p99} ms < 50 ms`, clean(firstPage) && firstPage.p99 < 50]);
} catch (err) {
  failed = err;
}
process.exit(await bench.finish(floors, failed));

/**
 * The tagged flags, in one statement: flag n goes to item n % items, its k-th reporter (k = n / items)
 * is chosen so that no member flags an item twice (the unique keys hold them to it anyway: ON CONFLICT
 * DO NOTHING makes a second run a no-op).
 */
async function addFlags(communityId: number): Promise<number> {
  const existing = (await bench.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM flags WHERE community_id = $1 AND comment = $2`,
    [communityId, BENCH_TAG])).rows[0]!.n;
  if (existing >= FLAGS) return 0;
  const { rowCount } = await bench.pool.query(`
    WITH posts_ AS (
      SELECT array_agg(id ORDER BY id) AS ids FROM (
        SELECT id FROM posts WHERE community_id = $1 AND deleted_at IS NULL AND hidden_at IS NULL ORDER BY id DESC LIMIT 3200) p),
    comments_ AS (
      SELECT array_agg(id ORDER BY id) AS ids FROM (
        SELECT k.id FROM comments k JOIN posts p ON p.id = k.post_id
         WHERE p.community_id = $1 AND k.deleted_at IS NULL AND k.hidden_at IS NULL ORDER BY k.id DESC LIMIT 1000) k),
    reporters AS (
      SELECT array_agg(user_id ORDER BY user_id) AS ids FROM (
        SELECT user_id FROM memberships WHERE community_id = $1 AND role = 'member' ORDER BY user_id LIMIT 2000) m),
    reasons AS (SELECT array_agg(code ORDER BY position) AS codes FROM flag_reasons WHERE active)
    INSERT INTO flags (community_id, post_id, comment_id, reporter_id, reason_code, comment, created_at)
    SELECT $1,
           CASE WHEN n < 8000 THEN posts_.ids[1 + n % 3200] END,
           CASE WHEN n >= 8000 THEN comments_.ids[1 + (n - 8000) % 1000] END,
           reporters.ids[1 + ((CASE WHEN n < 8000 THEN n % 3200 ELSE (n - 8000) % 1000 END) * 7
                              + (CASE WHEN n < 8000 THEN n / 3200 ELSE (n - 8000) / 1000 END) * 131) % 2000],
           reasons.codes[1 + n % array_length(reasons.codes, 1)],
           $2,
           now() - make_interval(secs => (n * 259)::double precision)
      FROM generate_series(0, ${FLAGS - 1}) n, posts_, comments_, reporters, reasons
    ON CONFLICT DO NOTHING`, [communityId, BENCH_TAG]);
  return rowCount ?? 0;
}
