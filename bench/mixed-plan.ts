import type pg from 'pg';
import type { BenchSession, Variant } from './harness.js';

/**
 * The population and the choices of the mixed workload (bench/mixed.ts): who reads and writes, which posts and
 * communities, drawn with a Zipf law over the whole data set, so that most reads of a post miss any per-post cache.
 * Compact arrays: this runs in the API's process, whose memory is measured.
 */

/** A small seeded PRNG (mulberry32): the same plan for the same seed, run after run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws ranks 0..n-1 with P(k) ∝ 1/(k+1)^s (s = 1: the classic Zipf law of popularity). */
export function zipf(n: number, random: () => number, s = 1): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cdf[k] = sum += 1 / Math.pow(k + 1, s);
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < x) lo = mid + 1; else hi = mid;
    }
    return lo;
  };
}

export interface Population {
  /** Live posts of open communities in a shuffled popularity order: ids, their community's index, their author. */
  postIds: Int32Array;
  postCommunity: Uint16Array;
  postAuthor: Int32Array;
  /** Open communities, the largest first (popularity order). */
  communities: { id: number; slug: string }[];
  members: (BenchSession & { communities: number[] })[];
  /** Per community index: indexes into members of those who belong to it. */
  membersOf: number[][];
  /** Per community index: an open poll of this run and its first option, when the community has an animator. */
  polls: ({ postId: number; optionId: number } | undefined)[];
}

export async function loadPopulation(pool: pg.Pool, session: (userId: number) => Promise<BenchSession>, size: number): Promise<Population> {
  const communities = (await pool.query<{ id: number; slug: string }>(
    `SELECT id, slug FROM communities WHERE status = 'open' ORDER BY post_count DESC, id`)).rows;
  const index = new Map(communities.map((c, i) => [c.id, i]));
  const posts = await pool.query<{ id: number; community_id: number; author_id: number }>({
    text: `SELECT p.id, p.community_id, p.author_id FROM posts p JOIN communities c ON c.id = p.community_id AND c.status = 'open'
            WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL ORDER BY md5(p.id::text)`,
  });
  const n = posts.rows.length;
  const postIds = new Int32Array(n);
  const postCommunity = new Uint16Array(n);
  const postAuthor = new Int32Array(n);
  posts.rows.forEach((r, i) => {
    postIds[i] = r.id;
    postCommunity[i] = index.get(r.community_id)!;
    postAuthor[i] = r.author_id;
  });
  // Distinct verified members with at least one open community, spread over the whole directory.
  const people = (await pool.query<{ user_id: number; communities: number[] }>(`
    SELECT m.user_id, array_agg(m.community_id) AS communities
      FROM memberships m JOIN users u ON u.id = m.user_id AND u.email_verified_at IS NOT NULL AND u.deleted_at IS NULL
      JOIN communities c ON c.id = m.community_id AND c.status = 'open'
     GROUP BY m.user_id ORDER BY md5(m.user_id::text) LIMIT $1`, [size])).rows;
  const members = await Promise.all(people.map(async (p) => ({
    ...(await session(p.user_id)), communities: p.communities.map((id) => index.get(Number(id))!),
  })));
  const membersOf: number[][] = communities.map(() => []);
  members.forEach((m, i) => m.communities.forEach((c) => membersOf[c]!.push(i)));
  return { postIds, postCommunity, postAuthor, communities, members, membersOf, polls: communities.map(() => undefined) };
}

/** Opens one poll per community that has an animator, for this run's votes (each member votes once per poll). */
export async function openPolls(pool: pg.Pool, base: string, pop: Population, session: (userId: number) => Promise<BenchSession>): Promise<void> {
  const closesAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  await Promise.all(pop.communities.map(async (c, i) => {
    const animator = (await pool.query<{ user_id: number }>(
      `SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id AND u.email_verified_at IS NOT NULL AND u.deleted_at IS NULL
        WHERE m.community_id = $1 AND m.role = 'animator' ORDER BY m.user_id LIMIT 1`, [c.id])).rows[0];
    if (!animator) return;
    const s = await session(animator.user_id);
    const res = await fetch(`${base}/api/communities/${c.slug}/polls`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `Sondage du banc mixte ${Date.now().toString(36)}`, options: ['Oui', 'Non'], closesAt }),
    });
    if (res.status !== 201) throw new Error(`sondage refusé (${res.status}) : ${(await res.text()).slice(0, 200)}`);
    const poll = (await res.json()) as { postId?: number; id?: number; options: { id: number }[] };
    pop.polls[i] = { postId: poll.postId ?? poll.id!, optionId: poll.options[0]!.id };
  }));
}

/** A number in letters (a, b, … z, ba, …): the duplicate-content check reads texts without their digits. */
function letters(n: number): string {
  let out = '';
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return out;
}

/** Texts differ from one run to the next too (the check looks back 24 hours). */
const RUN = letters(Date.now());

const SEARCHES = ['contrat de ville', 'élus', 'budget', 'renouvellement urbain', 'formation', 'cités éducatives', 'logement', 'mobilité'];

/**
 * `count` requests: 90 % reads (community feed 22, « mon fil » 12, post page 25, comments 10, search 6, agenda 7,
 * notifications count 8), 10 % writes (comment 4, « utile » 3, new post 2, poll vote 1). Readers are signed-in
 * members or, for a third of the reads that allow it, anonymous. `voted` keeps the (member, poll) pairs used, across
 * the plans of one run.
 */
export function planRequests(pop: Population, count: number, seed: number, voted: Set<string>, month: { from: string; to: string }): Variant[] {
  const random = prng(seed);
  const post = zipf(pop.postIds.length, random);
  const community = zipf(pop.communities.length, random);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const json = (m: BenchSession) => ({ cookie: m.cookie, 'x-csrf-token': m.csrf, 'content-type': 'application/json' });
  const reader = (anonymousShare = 1 / 3): Record<string, string> => (random() < anonymousShare ? {} : { cookie: pick(pop.members).cookie });
  const out: Variant[] = [];
  while (out.length < count) {
    const roll = random() * 100;
    const p = post();
    const c = community();
    const slug = pop.communities[c]!.slug;
    const postId = pop.postIds[p]!;
    // A writer on a post: a member of its community who did not write it.
    const writer = () => {
      const candidates = pop.membersOf[pop.postCommunity[p]!]!;
      const m = candidates.length > 0 ? pop.members[pick(candidates)]! : undefined;
      return m && m.userId !== pop.postAuthor[p] ? m : undefined;
    };
    let v: Variant | undefined;
    if (roll < 22) v = { path: `/api/communities/${slug}/posts`, headers: reader() };
    else if (roll < 34) v = { path: '/api/feed', headers: reader(0) };
    else if (roll < 59) v = { path: `/api/posts/${postId}`, headers: reader() };
    else if (roll < 69) v = { path: `/api/posts/${postId}/comments?limit=50`, headers: reader() };
    else if (roll < 75) v = { path: `/api/search?q=${encodeURIComponent(pick(SEARCHES))}`, headers: reader() };
    else if (roll < 82) v = { path: `/api/communities/${slug}/events/month?from=${month.from}&to=${month.to}`, headers: reader() };
    else if (roll < 90) v = { path: '/api/notifications/unread-count', headers: reader(0) };
    else if (roll < 94) {
      const m = writer();
      if (m) v = { method: 'POST', path: `/api/posts/${postId}/comments`, headers: json(m), body: JSON.stringify({ body: `Retour d’expérience ${letters(out.length)}-${letters(seed)}-${RUN} du banc mixte : chez nous, cela a bien fonctionné.` }) };
    } else if (roll < 97) {
      const m = writer();
      if (m) v = { method: 'PUT', path: `/api/posts/${postId}/useful`, headers: { cookie: m.cookie, 'x-csrf-token': m.csrf } };
    } else if (roll < 99) {
      const m = pick(pop.members);
      const where = pop.communities[pick(m.communities)]!.slug;
      v = { method: 'POST', path: `/api/communities/${where}/posts`, headers: json(m), body: JSON.stringify({ title: `Question ${letters(out.length)}-${letters(seed)}-${RUN} du banc mixte`, body: `Comment faites-vous, dans votre collectivité, pour le cas ${letters(out.length)}-${letters(seed)}-${RUN} ?` }) };
    } else {
      const poll = pop.polls[c];
      const candidates = pop.membersOf[c]!;
      const m = poll && candidates.length > 0 ? pop.members[pick(candidates)]! : undefined;
      if (poll && m && !voted.has(`${m.userId}:${poll.postId}`)) {
        voted.add(`${m.userId}:${poll.postId}`);
        v = { method: 'POST', path: `/api/polls/${poll.postId}/vote`, headers: json(m), body: JSON.stringify({ optionIds: [poll.optionId] }) };
      }
    }
    if (v) out.push(v);
  }
  return out;
}
