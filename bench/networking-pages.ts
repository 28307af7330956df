/**
 * HTTP benchmark of issue 7's co-written pages, invitations and duty roster on a database filled by
 * `npm run seed:large`. The issue sets no floor for them; the floors below are this area's own
 * targets (p99 < 50 ms at 4 connections), read the same way as the issue's.
 *
 *   DATABASE_URL=postgres://… npm run bench:networking-pages     (BENCH_SECONDS=10, BENCH_FLOOR_CONNECTIONS=4)
 *
 * The data set has none of these rows. The run adds, once, to the largest open community: 2,000 pages
 * (titles starting with BENCH_TAG), one of them with 1,000 revisions; 5,000 e-mail invitations by
 * 200 members (addresses @banc-invitations.test), 2,000 of them accepted, 1,500 leading to a membership
 * record in invitation_acceptances only (no membership is added); 52 weeks of duty roster. A later run
 * finds them and adds nothing; nothing else of the data set is written.
 */
import { addTaggedRows, largestOpenCommunity } from './area-fixtures.js';
import { clean, openBench, type Floor } from './harness.js';
import { PARIS_SQL } from '../common/time/index.js';

const BENCH_TAG = 'Banc pages co-écrites';
const PAGES = 2_000;
const REVISIONS = 1_000;
const INVITATIONS = 5_000;
const FLOOR_CONNECTIONS = Number(process.env.BENCH_FLOOR_CONNECTIONS ?? 4);

const bench = await openBench('Réseau : pages co-écrites, invitations et astreinte (e-communauté la plus grande)');
const floors: Floor[] = [];
let failed: unknown;
try {
  const { community, staffId: staff } = await largestOpenCommunity(bench.pool);

  const { added, seconds } = await addTaggedRows(bench.pool, () => addRows(community.id, staff),
    ['wiki_pages', 'wiki_revisions', 'invitations', 'invitation_acceptances', 'duty_roster']);
  console.log(`« ${community.name} » : données ${added ? 'ajoutées' : 'déjà présentes'} en ${seconds.toFixed(1)} s.`);
  const big = (await bench.pool.query<{ id: number }>(`SELECT id::int AS id FROM wiki_pages WHERE community_id = $1 AND title = $2`,
    [community.id, `${BENCH_TAG} 0`])).rows[0]!.id;

  const session = await bench.session(staff);
  const headers = { cookie: session.cookie };
  const list = { path: `/api/communities/${community.slug}/shared-pages`, headers };
  const view = { path: `/api/shared-pages/${big}`, headers };
  const history = { path: `/api/shared-pages/${big}/revisions`, headers };
  const diff = { path: `/api/shared-pages/${big}/diff?from=${REVISIONS - 1}&to=${REVISIONS}&mode=words`, headers };
  const search = { path: `/api/shared-pages/search?q=subvention&community=${community.slug}`, headers };
  const stats = { path: `/api/communities/${community.slug}/invitation-stats`, headers };
  const invitations = { path: `/api/communities/${community.slug}/invitations`, headers };
  const roster = { path: `/api/communities/${community.slug}/duty-roster?weeks=8`, headers };

  const listed = JSON.parse(await bench.check('pages', list, 200)) as { items: unknown[]; nextCursor: string | null };
  if (listed.items.length !== 20 || !listed.nextCursor) throw new Error('Pages : la première page devrait compter 20 pages et une suite.');
  const viewed = JSON.parse(await bench.check('page', view, 200)) as { revision: number };
  if (viewed.revision !== REVISIONS) throw new Error(`Page : version ${viewed.revision} au lieu de ${REVISIONS}.`);
  await bench.check('historique', history, 200);
  await bench.check('différences', diff, 200);
  const found = JSON.parse(await bench.check('recherche', search, 200)) as { items: unknown[] };
  if (found.items.length === 0) throw new Error('Recherche : aucune page trouvée.');
  const figures = JSON.parse(await bench.check('chiffres des invitations', stats, 200)) as { totals: { sent: number; accepted: number; joined: number } };
  if (figures.totals.sent < INVITATIONS) throw new Error(`Invitations : ${figures.totals.sent} au lieu d’au moins ${INVITATIONS}.`);
  await bench.check('invitations', invitations, 200);
  await bench.check('astreinte', roster, 200);
  console.log(`Invitations : ${figures.totals.sent} envoyées, ${figures.totals.accepted} acceptées, ${figures.totals.joined} adhésions.\n`);

  await bench.load([list, view, search, stats], 3, FLOOR_CONNECTIONS);
  await bench.measureReference(JSON.stringify(listed));
  const c = FLOOR_CONNECTIONS;
  const measured = {
    list: await bench.measure(`pages, 1re page (${c} conn.)`, [list], c),
    view: await bench.measure(`page, version ${REVISIONS} (${c} conn.)`, [view], c),
    history: await bench.measure(`historique, 1re page (${c} conn.)`, [history], c),
    diff: await bench.measure(`différences par mots (${c} conn.)`, [diff], c),
    search: await bench.measure(`recherche dans ${PAGES} pages (${c} conn.)`, [search], c),
    stats: await bench.measure(`chiffres de ${INVITATIONS} invitations (${c} conn.)`, [stats], c),
    invitations: await bench.measure(`liste des invitations (${c} conn.)`, [invitations], c),
    roster: await bench.measure(`astreinte, 8 semaines (${c} conn.)`, [roster], c),
  };
  for (const [label, r] of Object.entries(measured)) floors.push([`${label} : p99 ${r.p99} ms < 50 ms`, clean(r) && r.p99 < 50]);
} catch (err) {
  failed = err;
}
process.exit(await bench.finish(floors, failed));

/** The tagged rows, each set in one statement; false when a previous run already added them. */
async function addRows(communityId: number, staffId: number): Promise<boolean> {
  const existing = (await bench.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM wiki_pages WHERE community_id = $1 AND title LIKE $2`,
    [communityId, `${BENCH_TAG} %`])).rows[0]!.n;
  if (existing >= PAGES) return false;
  const client = await bench.pool.connect();
  try {
    await client.query('BEGIN');
    const body = (n: string) => `'## Guide pratique ' || ${n} || E'\\n\\nSubvention, contrat de ville, quartier prioritaire, appel à projets, convention, bilan annuel.\\n\\n'`;
    await client.query(`
      INSERT INTO wiki_pages (community_id, title, body_md, body_html, revision, created_by, updated_by, created_at, updated_at)
      SELECT $1, $2 || ' ' || n, ${body('n')}, '<p>Guide</p>', CASE WHEN n = 0 THEN ${REVISIONS} ELSE 1 END, $3, $3,
             now() - make_interval(hours => n), now() - make_interval(hours => n)
        FROM generate_series(0, ${PAGES - 1}) n`, [communityId, BENCH_TAG, staffId]);
    await client.query(`
      INSERT INTO wiki_revisions (page_id, number, title, body_md, body_html, author_id, created_at)
      SELECT w.id, 1, w.title, w.body_md, w.body_html, $2, w.created_at FROM wiki_pages w WHERE w.community_id = $1 AND w.title LIKE $3 || ' %'`,
    [communityId, staffId, BENCH_TAG]);
    // The big page: each revision adds a line, so the last two differ by a few words.
    await client.query(`
      INSERT INTO wiki_revisions (page_id, number, title, body_md, body_html, author_id, created_at)
      SELECT w.id, r, w.title, w.body_md || (SELECT string_agg('Étape ' || k || ' : relire la convention.', E'\\n') FROM generate_series(2, r) k),
             '<p>Guide</p>', $2, now() - make_interval(mins => ${REVISIONS} - r)
        FROM wiki_pages w, generate_series(2, ${REVISIONS}) r WHERE w.community_id = $1 AND w.title = $3 || ' 0'`,
    [communityId, staffId, BENCH_TAG]);
    await client.query(`
      UPDATE wiki_pages w SET body_md = r.body_md FROM wiki_revisions r
       WHERE w.community_id = $1 AND w.title = $2 || ' 0' AND r.page_id = w.id AND r.number = ${REVISIONS}`, [communityId, BENCH_TAG]);
    await client.query(`
      WITH inviters AS (
        SELECT array_agg(user_id ORDER BY user_id) AS ids FROM (
          SELECT user_id FROM memberships WHERE community_id = $1 AND role = 'member' ORDER BY user_id LIMIT 200) m)
      INSERT INTO invitations (community_id, inviter_id, kind, email, token_hash, expires_at, accepted_count, created_at)
      SELECT $1, inviters.ids[1 + n % 200], 'email', 'invite' || n || '@banc-invitations.test', md5('banc-invitation-' || n || '-' || $1),
             now() + interval '14 days', CASE WHEN n % 5 < 2 THEN 1 ELSE 0 END, now() - make_interval(mins => n)
        FROM generate_series(0, ${INVITATIONS - 1}) n, inviters`, [communityId]);
    await client.query(`
      WITH people AS (
        SELECT array_agg(id ORDER BY id) AS ids FROM (
          SELECT u.id FROM users u WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.community_id = $1) ORDER BY u.id LIMIT 2000) p),
      accepted AS (
        SELECT i.id, row_number() OVER (ORDER BY i.id) AS k FROM invitations i
         WHERE i.community_id = $1 AND i.email LIKE '%@banc-invitations.test' AND i.accepted_count = 1)
      INSERT INTO invitation_acceptances (invitation_id, user_id, accepted_at, joined_at)
      SELECT a.id, people.ids[a.k], now(), CASE WHEN a.k % 4 <> 0 THEN now() END FROM accepted a, people
      WHERE a.k <= array_length(people.ids, 1)`, [communityId]);
    await client.query(`
      INSERT INTO duty_roster (community_id, week_start, animator_id, set_by)
      SELECT $1, (date_trunc('week', now() AT TIME ZONE ${PARIS_SQL}))::date + 7 * w, $2, $2 FROM generate_series(-26, 25) w
      ON CONFLICT DO NOTHING`, [communityId, staffId]);
    await client.query('COMMIT');
    return true;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}
