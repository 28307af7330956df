/**
 * Full-scale data set: 220,000 members, 40 communities, ~300,000 memberships, 200,000 posts and ~800,000 comments
 * over seven years, loaded with COPY in one transaction.
 *
 *   DATABASE_URL=postgres://… npm run seed:large [-- --force] [-- --keep-indexes] [-- --keep-foreign-keys] [-- --scale 10]
 *
 * --scale multiplies members, posts, comments and reactions (the 40 communities stay): `--scale 10` is the network
 * ten times larger (2.2 million members, 2 million posts, ~8 million comments), `--scale 0.1` a quick small one.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createDb, createPool } from '../server/src/db/client.js';
import { runMigrations } from '../server/src/db/migrate.js';
import { hashPassword } from '../server/src/lib/password.js';
import { LargeDataSet } from './large-rows.js';
import { finishLargeLoad, loadLargeRows } from './large-load.js';

/** A new operator names a database that does not exist yet: it is created rather than met with a stack trace. */
async function createDatabaseIfMissing(target: string): Promise<void> {
  const name = decodeURIComponent(new URL(target).pathname.slice(1));
  const server = new URL(target);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  try {
    await admin.connect();
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      console.log(`Base « ${name} » créée.`);
    }
  } catch (err) {
    console.error(`Impossible de préparer la base « ${name} » (${(err as Error).message}) : vérifiez DATABASE_URL et que PostgreSQL répond.`);
    process.exit(1);
  } finally {
    await admin.end().catch(() => {});
  }
}

export const BENCH_PASSWORD = 'bench-e-communautes';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL est requis (base cible du jeu de données), par exemple :\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/ecom_bench npm run seed:large');
  process.exit(1);
}
const args = process.argv.slice(2);
const force = args.includes('--force');
// Secondary indexes are dropped during the load and rebuilt after it, in bulk: on the 7 December machine the
// incremental upkeep of the full-text (GIN) indexes doubled the load (scale 0.1: 40 s with them, 22 s without;
// an earlier machine saw no difference, 101 s vs 97 s). --keep-indexes loads with them, to compare.
const dropIndexes = !args.includes('--keep-indexes');
// Foreign keys too: checked row by row after each COPY they took ~500 s of the 1,902 s scale-10 load (7 December);
// re-added after the load, each is validated once, in bulk (scale 1: 140 s with them, 117 s without, 3.3 s to
// validate all 14). --keep-foreign-keys loads with them, to compare.
const dropForeignKeys = !args.includes('--keep-foreign-keys');
const scale = scaleArg(args);

/** `--scale 10` or `--scale=10`: a positive factor, 1 when absent. */
function scaleArg(argv: string[]): number {
  const at = argv.findIndex((a) => a === '--scale' || a.startsWith('--scale='));
  if (at < 0) return 1;
  const raw = argv[at]!.includes('=') ? argv[at]!.slice('--scale='.length) : argv[at + 1];
  const value = Number(raw);
  if (!raw || !Number.isFinite(value) || value <= 0 || value > 100) {
    console.error(`--scale attend un facteur positif (au plus 100), par exemple « --scale 10 » ; reçu « ${raw ?? ''} ».`);
    process.exit(1);
  }
  return value;
}

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
await createDatabaseIfMissing(url);
const pool = createPool(url, 2);
await runMigrations(createDb(pool));
const client = await pool.connect();

const TABLES = ['users', 'communities', 'memberships', 'posts', 'comments', 'post_reactions'];
/** Filled by migrations, not by members: kept across --force. */
const KEPT = ['legal_pages', 'legal_page_versions'];

try {
  const { rows } = await client.query<{ busy: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM communities) AS busy`);
  if (rows[0]!.busy && !force) {
    console.error('La base n’est pas vide. Relancez avec --force pour tout effacer (schéma recréé) et recharger.');
    process.exit(2);
  }
  const wiped = rows[0]!.busy;
  if (wiped) {
    // The moderation log is append-only (TRUNCATE refused by design): --force rebuilds the schema instead.
    await client.query('DROP SCHEMA public CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; CREATE SCHEMA public');
    await runMigrations(createDb(pool));
    console.log(`[${seconds()} s] schéma recréé (--force)`);
  }
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const data = new LargeDataSet(
    { users: Math.round(220_000 * scale), communities: 40, posts: Math.round(200_000 * scale), commentsPerPost: 3.95 },
    passwordHash,
  );

  await client.query('BEGIN');
  await client.query(`SET LOCAL synchronous_commit = off`);
  // Index rebuilds sort in memory up to this much (the GIN indexes of a × 10 load hold millions of entries).
  await client.query(`SET LOCAL maintenance_work_mem = '1GB'`);
  // Truncating inside the transaction (even an empty database) lets COPY write frozen rows:
  // no hint-bit rewrite and no vacuum needed before the first reads.
  let frozen = true;
  await client.query('SAVEPOINT wipe');
  try {
    const keptTables = (await client.query<{ t: string }>(
      `SELECT relname AS t FROM pg_class WHERE relname = ANY($1) AND relnamespace = 'public'::regnamespace`, [KEPT])).rows.map((r) => r.t)
      // Parents first: the versions reference their page.
      .sort((a, b) => KEPT.indexOf(a) - KEPT.indexOf(b));
    for (const t of keptTables) await client.query(`CREATE TEMP TABLE keep_${t} ON COMMIT DROP AS SELECT * FROM ${t}`);
    // The moderation log refuses TRUNCATE by design (append-only). Here it is empty (a new database, or the schema
    // just recreated by --force): its guard is lifted for this transaction only, so that COPY can write frozen rows.
    const audit = await client.query(`SELECT EXISTS (SELECT 1 FROM moderation_audit) AS used`);
    if (audit.rows[0].used) throw new Error('journal de modération non vide');
    await client.query('ALTER TABLE moderation_audit DISABLE TRIGGER moderation_audit_no_truncate');
    await client.query(`TRUNCATE ${TABLES.join(', ')} CASCADE`);
    await client.query('ALTER TABLE moderation_audit ENABLE TRIGGER moderation_audit_no_truncate');
    for (const t of keptTables) {
      // Their authors are gone with the members; the text stays.
      const authorColumn = t === 'legal_pages' ? 'updated_by' : 'created_by';
      await client.query(`UPDATE keep_${t} SET ${authorColumn} = NULL`);
      await client.query(`INSERT INTO ${t} SELECT * FROM keep_${t}`);
    }
  } catch (err) {
    // Without the wipe the load still works on an empty database, only slower (no frozen rows);
    // fatal when asked to wipe existing data.
    await client.query('ROLLBACK TO SAVEPOINT wipe');
    if (!wiped && rows[0]!.busy) throw new Error(`Impossible de vider la base (${(err as Error).message}) : utilisez une base neuve.`, { cause: err });
    frozen = false;
    console.log(`Vidage refusé (${(err as Error).message}) : chargement sans FREEZE, suivi d’un VACUUM.`);
  }
  console.log(`[${seconds()} s] base prête${wiped ? ' (vidée)' : ''}${frozen ? '' : ' (chargement sans FREEZE)'}`);

  const dropped: { name: string; def: string }[] = [];
  if (dropIndexes) {
    const idx = await client.query<{ name: string; def: string }>(`
      SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
        FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
       WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
         AND NOT i.indisunique`, [TABLES]);
    for (const row of idx.rows) {
      await client.query(`DROP INDEX ${row.name}`);
      dropped.push(row);
    }
    console.log(`[${seconds()} s] ${dropped.length} index secondaires retirés pendant le chargement`);
  }

  const foreignKeys: { table: string; name: string; def: string }[] = [];
  if (dropForeignKeys) {
    const fk = await client.query<{ table: string; name: string; def: string }>(`
      SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       WHERE c.contype = 'f' AND t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace`, [TABLES]);
    for (const row of fk.rows) {
      await client.query(`ALTER TABLE ${row.table} DROP CONSTRAINT ${row.name}`);
      foreignKeys.push(row);
    }
    console.log(`[${seconds()} s] ${foreignKeys.length} clés étrangères retirées pendant le chargement`);
  }

  await loadLargeRows(client, data, { freeze: frozen, progress: true, log: (msg) => console.log(`[${seconds()} s] ${msg}`) });

  for (const { name, def } of dropped) {
    const t = performance.now();
    await client.query(def);
    console.log(`[${seconds()} s] index ${name} reconstruit (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }

  // Re-adding a key validates every row at once: the load is still checked, in the same transaction.
  const fkStarted = performance.now();
  for (const { table, name, def } of foreignKeys) await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} ${def}`);
  if (foreignKeys.length > 0) console.log(`[${seconds()} s] clés étrangères rétablies et vérifiées (${((performance.now() - fkStarted) / 1000).toFixed(1)} s)`);

  await finishLargeLoad(client);
  await client.query('COMMIT');
  console.log(`[${seconds()} s] transaction validée`);

  // Statistics first: without them the sample check below chose a plan that read a whole index per post
  // (more than 3 minutes at scale 10). A vacuum too, even after a frozen load: turning one post in 40 into an event
  // (large-events.ts) is an UPDATE, which clears the visibility map of nearly every page of posts, and the questions
  // and events are inserted unfrozen. Without it the benchmarks measured a data set no production database looks
  // like: at scale 10, « mon fil » cost 1.5 ms of PostgreSQL per request instead of 0.09 (heap visits, hint bits
  // written by the first reads). 7 s at scale 10.
  await client.query('VACUUM (ANALYZE)');
  console.log(`[${seconds()} s] VACUUM (ANALYZE) terminé`);
  // A sample check that the stored counters match the rows (1 post in 500).
  const bad = await client.query(`
    SELECT count(*)::int AS n FROM posts p WHERE p.id % 500 = 0 AND (
      p.comment_count <> (SELECT count(*) FROM comments c WHERE c.post_id = p.id AND c.deleted_at IS NULL) OR
      p.useful_count <> (SELECT count(*) FROM post_reactions r WHERE r.post_id = p.id))`);
  if (bad.rows[0].n > 0) throw new Error(`${bad.rows[0].n} publications échantillonnées ont des compteurs faux`);

  console.log(`\nTerminé en ${seconds()} s : ${data.sizes.users} membres, ${data.sizes.communities} communautés, ${data.memberships} adhésions, `
    + `${data.sizes.posts} publications, ${data.comments} commentaires, ${data.reactions} « utile ».`);
  console.log(`Mot de passe de tous les membres générés : « ${BENCH_PASSWORD} ».`);
} catch (err) {
  await client.query('ROLLBACK').catch(() => undefined);
  console.error(err);
  process.exitCode = 1;
} finally {
  client.release();
  await pool.end();
}
