/**
 * Notifications floors of issue 6, on the large data set (DATABASE_URL=…/ecom_bench):
 *   1. 5,000 concurrent SSE connections held by one instance with < 1 GB memory;
 *   2. a notification reaches a connected SSE client in < 1 s p99 while 100 comments a second are written;
 *   3. a digest for 50,000 members built in < 2 min.
 * The SSE clients run in this process, the API in its own (see harness.ts): the memory figure is the server's alone.
 * The comments it writes stay (marked "bench-notifications", like bench/run.ts's): deleting comments from the large
 * set checks every foreign key pointing at them and takes minutes. Digest deliveries and outbox mails are removed.
 *
 *   npm run bench:notifications   (raises the file-descriptor limit: 5,000 sockets on each side)
 */
import http from 'node:http';
import { openBench, type BenchSession, type Floor } from './harness.js';
import { runDigest } from '../server/src/modules/email-prefs/digests.js';
import { createMailer } from '../server/src/modules/mail/service.js';

const STREAMS = Number(process.env.BENCH_SSE_STREAMS ?? 5000);
const WRITE_RATE = 100;
const WRITE_SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 20);
const DIGEST_MEMBERS = Number(process.env.BENCH_DIGEST_MEMBERS ?? 50_000);
const MARK = 'bench-notifications';
/** Part of every comment's text: the duplicate-content guard would refuse a text already written by a previous run. */
const RUN = Date.now().toString(36);

const bench = await openBench('Notifications : flux SSE, latence de livraison, résumé par courriel');
const floors: Floor[] = [];
let failure: unknown;
const sockets: http.ClientRequest[] = [];

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** An SSE client; calls onEvent with each `notification` event's data. Resolves once the stream is open. */
function openStream(s: BenchSession, onEvent: (data: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${bench.base}/api/notifications/stream`, { agent: false, headers: { cookie: s.cookie, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`flux SSE : HTTP ${res.statusCode}`));
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk: string) => {
        buf += chunk;
        for (let end = buf.indexOf('\n\n'); end >= 0; end = buf.indexOf('\n\n')) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          if (!block.includes('event: notification')) continue;
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) onEvent(data.slice(6));
        }
      });
      res.on('error', () => {});
      resolve();
    });
    req.on('error', reject);
    sockets.push(req);
  });
}

try {
  const { pool } = bench;
  // Authors of recent discussions, each with another member of the same open community who will comment.
  const { rows: pairs } = await pool.query<{ post_id: number; author_id: number; commenter_id: number }>(`
    SELECT DISTINCT ON (p.author_id) p.id AS post_id, p.author_id, m.user_id AS commenter_id
      FROM (SELECT * FROM posts WHERE kind = 'discussion' AND deleted_at IS NULL AND hidden_at IS NULL ORDER BY id DESC LIMIT 5000) p
      JOIN communities c ON c.id = p.community_id AND c.status = 'open'
      JOIN users a ON a.id = p.author_id AND a.deleted_at IS NULL
      CROSS JOIN LATERAL (SELECT user_id FROM memberships m WHERE m.community_id = p.community_id AND m.user_id <> p.author_id
                            AND EXISTS (SELECT 1 FROM users u WHERE u.id = m.user_id AND u.email_verified_at IS NOT NULL AND u.deleted_at IS NULL AND u.banned_at IS NULL)
                          ORDER BY m.user_id LIMIT 1) m
     ORDER BY p.author_id, p.id DESC LIMIT 300`);
  if (pairs.length < 50) throw new Error(`trop peu de publications récentes (${pairs.length}) : base remplie par seed:large ?`);
  const authorIds = new Set(pairs.map((p) => Number(p.author_id)));
  const { rows: others } = await pool.query<{ id: number }>(
    `SELECT id FROM users WHERE deleted_at IS NULL AND banned_at IS NULL AND NOT (id = ANY($1)) ORDER BY id LIMIT $2`,
    [[...authorIds], STREAMS - authorIds.size]);
  const listeners = [...authorIds, ...others.map((r) => Number(r.id))];

  // 1. Hold STREAMS connections.
  const arrivals = new Map<number, number>();
  const rssBefore = (await bench.memoryNow()).rssMb;
  const sessions: BenchSession[] = [];
  for (let i = 0; i < listeners.length; i += 200) {
    sessions.push(...await Promise.all(listeners.slice(i, i + 200).map((id) => bench.session(id))));
  }
  const opening = Date.now();
  for (let i = 0; i < sessions.length; i += 100) {
    await Promise.all(sessions.slice(i, i + 100).map((s) => openStream(s, (data) => {
      const n = JSON.parse(data) as { commentId: number | null };
      if (n.commentId) arrivals.set(n.commentId, Date.now());
    })));
  }
  const openSeconds = (Date.now() - opening) / 1000;
  await new Promise((r) => setTimeout(r, 2000));
  const held = await bench.memoryNow(true);
  const heldMb = held.rssMb;
  console.log(`${sessions.length} flux SSE ouverts en ${openSeconds.toFixed(1)} s ; mémoire du processus de l’API : `
    + `${heldMb.toFixed(0)} Mo RSS (${rssBefore.toFixed(0)} Mo avant), tas JS ${held.heapMb.toFixed(0)} Mo`);
  floors.push([`${sessions.length} connexions SSE tenues par une instance, < 1 Go (mesuré : ${heldMb.toFixed(0)} Mo)`,
    sessions.length >= STREAMS && heldMb < 1024]);

  // 2. Comments at WRITE_RATE per second on posts of connected authors; latency to their stream.
  const commenters = new Map<number, BenchSession>();
  for (const p of pairs) if (!commenters.has(Number(p.commenter_id))) commenters.set(Number(p.commenter_id), await bench.session(Number(p.commenter_id)));
  /** Per comment: when the request left, and when the comment was written (its created_at, same clock). */
  const sent = new Map<number, { request: number; created: number }>();
  const written: number[] = [];
  let errors = 0;
  /** Why writes failed (HTTP status or network error), printed so a failed run says what went wrong. */
  const reasons = new Map<string, number>();
  const failed = (why: string) => { errors += 1; reasons.set(why, (reasons.get(why) ?? 0) + 1); };
  const total = WRITE_RATE * WRITE_SECONDS;
  const started = performance.now();
  const writes: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / WRITE_RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const pair = pairs[i % pairs.length]!;
    const c = commenters.get(Number(pair.commenter_id))!;
    const t0 = Date.now();
    writes.push(fetch(`${bench.base}/api/posts/${pair.post_id}/comments`, {
      method: 'POST',
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ body: `${MARK} ${RUN}-${i} : merci pour ce retour, nous allons essayer la même démarche.` }),
    }).then(async (res) => {
      if (res.status !== 201) { failed(`HTTP ${res.status} ${(await res.text()).slice(0, 80)}`); return; }
      const comment = (await res.json()) as { id: number; createdAt: string };
      const id = comment.id;
      sent.set(id, { request: t0, created: Date.parse(comment.createdAt) });
      written.push(id);
    }).catch((err: Error) => failed(String((err.cause as Error | undefined)?.message ?? err.message))));
  }
  await Promise.all(writes);
  const writeSeconds = (performance.now() - started) / 1000;
  if (reasons.size > 0) console.log(`écritures refusées : ${[...reasons].map(([why, n]) => `${n} × ${why}`).join(' ; ')}`);
  await new Promise((r) => setTimeout(r, 3000));
  const sortedBy = (from: 'request' | 'created') =>
    written.map((id) => (arrivals.get(id) ?? Infinity) - sent.get(id)![from]).sort((a, b) => a - b);
  const latencies = sortedBy('created');
  const fromRequest = sortedBy('request');
  const missing = latencies.filter((l) => l === Infinity).length;
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  console.log(`${written.length} commentaires écrits en ${writeSeconds.toFixed(1)} s (${(written.length / writeSeconds).toFixed(0)}/s, ${errors} erreurs) ; `
    + `notification reçue par le flux de l’auteur, depuis l’écriture du commentaire : p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, `
    + `max ${(latencies.at(-1) ?? NaN).toFixed(0)} ms, ${missing} jamais reçue(s) ; depuis l’envoi de la requête : p50 ${percentile(fromRequest, 50).toFixed(0)} ms, `
    + `p99 ${percentile(fromRequest, 99).toFixed(0)} ms`);
  floors.push([`notification livrée au navigateur < 1 s p99 sous ${WRITE_RATE} commentaires/s (mesuré : p99 ${p99.toFixed(0)} ms)`,
    errors === 0 && missing === 0 && written.length >= total * 0.99 && written.length / writeSeconds >= WRITE_RATE * 0.95 && p99 < 1000]);
  for (const req of sockets) req.destroy();

  // 3. The weekly digest (BENCH_DIGEST_MEMBERS=0 skips it) of the first DIGEST_MEMBERS eligible members (the others are marked done for the period, then unmarked).
  if (DIGEST_MEMBERS > 0) {
    const now = new Date();
    const { rows: keyRows } = await pool.query<{ max: number | null }>('SELECT max(id)::bigint AS max FROM mail_outbox');
    const outboxBefore = Number(keyRows[0]!.max ?? 0);
    const { periodKey } = await import('../server/src/modules/email-prefs/digests.js');
    const key = periodKey('weekly', now);
    const { rows: existing } = await pool.query(`SELECT 1 FROM digest_deliveries WHERE frequency = 'weekly' AND period_key = $1 LIMIT 1`, [key]);
    if (existing.length > 0) throw new Error(`des résumés hebdomadaires existent déjà pour ${key} dans cette base : mesure impossible sans les toucher`);
    const { rows: cut } = await pool.query<{ id: number }>(`
      SELECT u.id FROM users u
       WHERE u.deleted_at IS NULL AND u.banned_at IS NULL AND u.email_verified_at IS NOT NULL
         AND EXISTS (SELECT 1 FROM memberships m JOIN communities c ON c.id = m.community_id AND c.status IN ('open', 'archived')
                       LEFT JOIN email_preferences ep ON ep.user_id = m.user_id AND ep.community_id = m.community_id
                      WHERE m.user_id = u.id AND coalesce(ep.frequency, 'weekly') = 'weekly')
       ORDER BY u.id OFFSET $1 - 1 LIMIT 1`, [DIGEST_MEMBERS]);
    if (!cut[0]) throw new Error(`moins de ${DIGEST_MEMBERS} membres éligibles au résumé hebdomadaire`);
    try {
      await pool.query(`
        INSERT INTO digest_deliveries (user_id, frequency, period_key, window_start, window_end, status)
        SELECT id, 'weekly', $1, $2::timestamptz - interval '7 days', $2, 'empty' FROM users WHERE id > $3`, [key, now, cut[0].id]);
      const mailer = createMailer(bench.db, undefined, bench.config.mailFrom, () => {});
      const t = performance.now();
      const result = await runDigest({ db: bench.db, mailer, config: bench.config, log: () => {} }, 'weekly', now);
      const seconds = (performance.now() - t) / 1000;
      mailer.close();
      console.log(`résumé hebdomadaire de ${DIGEST_MEMBERS} membres : ${seconds.toFixed(1)} s (${result.sent} courriels, ${result.failed} échecs, `
        + `${((seconds * 1000) / DIGEST_MEMBERS).toFixed(2)} ms par membre)`);
      floors.push([`résumé pour ${DIGEST_MEMBERS} membres < 2 min (mesuré : ${seconds.toFixed(0)} s)`, result.failed === 0 && seconds < 120]);
    } finally {
      await pool.query(`DELETE FROM digest_deliveries WHERE frequency = 'weekly' AND period_key = $1`, [key]);
      await pool.query(`DELETE FROM mail_outbox WHERE id > $1`, [outboxBefore]);
    }
  }
  console.log(`mémoire maximale du processus de l’API pendant la mesure : ${(await bench.peakMemory()).rssMb.toFixed(0)} Mo\n`);
} catch (err) {
  failure = err;
}
for (const req of sockets) req.destroy();
process.exit(await bench.finish(floors, failure));
