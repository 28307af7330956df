/**
 * Memory soak (issue 12): SOAK_MINUTES of mixed load — community feeds, post pages, comment pages, the personal
 * feed, search, and one comment written in ten requests — while the API process's resident memory (it runs in its
 * own process, as does the load generator: see harness.ts) is sampled every 10 s. Passes when the mean of the last window (10 minutes,
 * or a third of a shorter run) is at most 10 % above the mean of the first, after a warm-up that is not counted
 * (JIT, pool connections, caches filling up to their bounds).
 *
 *   DATABASE_URL=postgres://… npm run bench:soak
 *   SOAK_MINUTES=30 SOAK_CONNECTIONS=10 SOAK_WARMUP_SECONDS=60
 *
 * Works on a `seed:large` database (the real measure) or any database with an open community and its members.
 * The comments it writes stay in that database, as with `npm run bench`.
 */
import type pg from 'pg';
import { openBench, type BenchSession, type Floor, type Variant } from './harness.js';

function setting(name: string, fallback: number): number {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} doit être un nombre positif (reçu « ${process.env[name]} »)`);
  return n;
}

const MINUTES = setting('SOAK_MINUTES', 30);
const CONNECTIONS = setting('SOAK_CONNECTIONS', 10);
const WARMUP_SECONDS = setting('SOAK_WARMUP_SECONDS', 60);
const SAMPLE_MS = 10_000;
/** One load generator per minute: a bounded child, and a progress line between two. */
const ROUND_SECONDS = 60;
const SEARCHES = ['contrat de ville', 'élus', 'budget', 'renouvellement urbain', 'formation', 'cités éducatives'];

interface Sample { at: number; rssMb: number; heapMb: number }

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const percent = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`;
const clock = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;

/** The busiest open community, its latest posts and up to 20 of its members, each with a session. */
async function mixedLoad(pool: pg.Pool, session: (userId: number) => Promise<BenchSession>): Promise<{ variants: (round: number) => Variant[]; label: string }> {
  const c = (await pool.query(`SELECT id, slug, name FROM communities WHERE status = 'open' ORDER BY post_count DESC LIMIT 1`)).rows[0];
  if (!c) throw new Error('Aucune communauté ouverte : lancez d’abord `npm run seed:large`.');
  const posts = (await pool.query(`SELECT id FROM posts WHERE community_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 50`, [c.id])).rows.map((r) => r.id as number);
  const members = (await pool.query(`
    SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.community_id = $1 AND m.role = 'member' AND u.email_verified_at IS NOT NULL AND u.deleted_at IS NULL
     ORDER BY m.user_id LIMIT 20`, [c.id])).rows;
  if (posts.length === 0 || members.length === 0) throw new Error(`« ${c.name} » n’a pas de publication ou pas de membre vérifié.`);
  const people = await Promise.all(members.map((m) => session(m.user_id as number)));

  // The load generator numbers its requests from 0 in every round: the round goes into the comment too, or the
  // second round would repeat the first one's comments and meet the duplicate-content check.
  const variants = (round: number) => people.flatMap((p, i): Variant[] => {
    const reader = { cookie: p.cookie };
    const post = posts[i % posts.length]!;
    const search = SEARCHES[i % SEARCHES.length]!;
    return [
      { path: `/api/communities/${c.slug}/posts`, headers: reader },
      { path: `/api/posts/${post}`, headers: reader },
      { path: `/api/posts/${posts[(i * 7 + 3) % posts.length]}`, headers: reader },
      { path: `/api/posts/${post}/comments?limit=50`, headers: reader },
      { path: '/api/feed', headers: reader },
      { path: `/api/search?q=${encodeURIComponent(search)}`, headers: reader },
      { path: `/api/search?q=${encodeURIComponent(SEARCHES[(i + 3) % SEARCHES.length]!)}`, headers: reader },
      { path: `/api/communities/${c.slug}/posts`, headers: reader },
      { path: `/api/posts/${posts[(i * 3 + 1) % posts.length]}`, headers: reader },
      {
        method: 'POST', path: `/api/posts/${post}/comments`,
        headers: { cookie: p.cookie, 'x-csrf-token': p.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ body: `Retour d’expérience (${Date.now().toString(36)}-${round}-${i}-{n}) : nous avons fait de même, avec de bons résultats.` }),
      },
    ];
  });
  return { variants, label: `« ${c.name} », ${posts.length} publications, ${people.length} membres` };
}

const bench = await openBench(`Endurance mémoire : ${MINUTES} min de charge mixte`);
const floors: Floor[] = [];
let failed: unknown;
try {
  const { variants, label } = await mixedLoad(bench.pool, bench.session);
  for (const v of variants(-1).slice(0, 10)) await bench.check('charge mixte', v, v.method === 'POST' ? 201 : 200);
  console.log(`Données : ${label} ; lectures (fils, publications, commentaires, mon fil), recherche 20 %, écriture de commentaires 10 %.`);
  console.log(`${CONNECTIONS} connexions, échantillon de la mémoire toutes les ${SAMPLE_MS / 1000} s, échauffement ${WARMUP_SECONDS} s non compté.\n`);
  await bench.load(variants(0), WARMUP_SECONDS, CONNECTIONS);

  const duration = MINUTES * 60_000;
  const start = Date.now();
  const samples: Sample[] = [];
  const sample = async () => {
    const at = Date.now() - start;
    const m = await bench.memoryNow();
    samples.push({ at, rssMb: m.rssMb, heapMb: m.heapMb });
  };
  await sample();
  const sampler = setInterval(() => void sample().catch(() => {}), SAMPLE_MS);
  let requests = 0;
  let errors = 0;
  let round = 0;
  try {
    while (Date.now() - start < duration - 1000) {
      round += 1;
      const seconds = Math.max(1, Math.min(ROUND_SECONDS, Math.round((duration - (Date.now() - start)) / 1000)));
      const r = await bench.load(variants(round), seconds, CONNECTIONS);
      requests += r.total;
      errors += r.non2xx + r.errors + r.timeouts;
      const last = samples[samples.length - 1]!;
      console.log(`  ${clock(Date.now() - start)} / ${clock(duration)}  RSS ${last.rssMb.toFixed(0)} Mo (tas JS ${last.heapMb.toFixed(0)} Mo)  `
        + `${(r.total / seconds).toFixed(0)} req/s  erreurs ${r.non2xx + r.errors + r.timeouts}`);
    }
  } finally {
    clearInterval(sampler);
  }
  await sample();

  const window = Math.min(10 * 60_000, duration / 3);
  const first = samples.filter((s) => s.at <= window).map((s) => s.rssMb);
  const last = samples.filter((s) => s.at >= duration - window).map((s) => s.rssMb);
  const [firstMean, lastMean] = [mean(first), mean(last)];
  const drift = (lastMean - firstMean) / firstMean;
  const rss = samples.map((s) => s.rssMb);
  console.log(`\n${samples.length} échantillons ; ${requests.toLocaleString('fr-FR')} requêtes (${(requests / (duration / 1000)).toFixed(0)} req/s), ${errors} erreur${errors > 1 ? 's' : ''}.`);
  console.log(`RSS : ${clock(window)} premières minutes ${firstMean.toFixed(0)} Mo en moyenne, ${clock(window)} dernières ${lastMean.toFixed(0)} Mo `
    + `(${percent(drift)}) ; min ${Math.min(...rss).toFixed(0)} Mo, max ${Math.max(...rss).toFixed(0)} Mo ; `
    + `tas JS en fin ${samples[samples.length - 1]!.heapMb.toFixed(0)} Mo.\n`);
  floors.push(
    // A leak shows as growth; memory given back to the system is no failure.
    [`mémoire stable : dernières ${clock(window)} au plus 10 % au-dessus des premières (${percent(drift)})`, drift <= 0.1],
    ['aucune erreur', errors === 0],
  );
} catch (err) {
  failed = err;
}
process.exit(await bench.finish(floors, failed));
