/** Row generators for the full-scale data set. Everything is derived from one seeded PRNG. */
import { excerpt, renderMarkdown } from '../server/src/lib/markdown.js';
import { esc, NULL } from './copy.js';
import {
  COMMUNITY_NAMES, EMPLOYER_KINDS, FIRST_NAMES, JOBS, LAST_NAMES, PLACES, commentBody, pick, postBody, rng, title,
} from './words.js';

const YEAR = 365.25 * 86_400_000;


export interface Sizes { users: number; communities: number; posts: number; commentsPerPost: number }

export const slugify = (s: string) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Shared state between phases: small typed arrays, never the rows themselves. */
export class LargeDataSet {
  readonly now = Date.now();
  readonly t0 = this.now - 7 * YEAR;
  readonly r = rng(20230201);
  readonly weights: number[];
  readonly membersOf: number[][];
  postCommunity!: Uint8Array;
  postTime!: Float64Array;
  postComments!: Uint16Array;
  postDeletedComments!: Uint8Array;
  postUseful!: Uint16Array;
  memberships = 0;
  comments = 0;
  reactions = 0;
  private postTemplates: string[][] = [];
  private commentTemplates: string[][] = [];

  constructor(readonly sizes: Sizes, readonly passwordHash: string) {
    // Zipf-like sizes: a few large communities, a long tail of small ones.
    const w = Array.from({ length: sizes.communities }, (_, c) => 1 / (c + 1) ** 0.9);
    const sum = w.reduce((a, b) => a + b, 0);
    let acc = 0;
    this.weights = w.map((x) => (acc += x / sum));
    this.membersOf = Array.from({ length: sizes.communities }, () => []);
    // Body HTML is rendered once per template, not per row.
    const tr = rng(7);
    for (let i = 0; i < 600; i += 1) {
      const md = postBody(tr);
      this.postTemplates.push([esc(md), esc(renderMarkdown(md)), esc(excerpt(md))]);
    }
    for (let i = 0; i < 800; i += 1) {
      const md = commentBody(tr);
      this.commentTemplates.push([esc(md), esc(renderMarkdown(md))]);
    }
  }

  private community(): number {
    const x = this.r();
    let c = 0;
    while (this.weights[c]! < x) c += 1;
    return c;
  }

  private iso(ms: number): string {
    return new Date(Math.min(ms, this.now - 1000)).toISOString();
  }

  *communityRows(): Generator<string> {
    for (let c = 0; c < this.sizes.communities; c += 1) {
      const name = COMMUNITY_NAMES[c % COMMUNITY_NAMES.length]! + (c >= COMMUNITY_NAMES.length ? ` ${c}` : '');
      const status = c === this.sizes.communities - 1 ? 'draft' : c === this.sizes.communities - 2 ? 'archived' : 'open';
      const launch = new Date(this.t0 + (c / this.sizes.communities) * 2 * YEAR).toISOString().slice(0, 10);
      yield [c + 1, slugify(name), esc(name), esc(`La communauté des agents territoriaux : ${name.toLowerCase()}.`),
        esc(`Tout ce qui touche à ${name.toLowerCase()} dans les collectivités.`), 'Agents des collectivités et de leurs groupements.',
        'Échanges entre pairs, bienveillants et sourcés.', status, status === 'draft' ? NULL : launch, this.iso(this.t0 - 86_400_000)].join('\t');
    }
  }

  *userRows(): Generator<string> {
    const { users } = this.sizes;
    for (let i = 1; i <= users; i += 1) {
      const first = pick(this.r, FIRST_NAMES);
      const last = pick(this.r, LAST_NAMES);
      const [place, dep] = pick(this.r, PLACES);
      const created = this.iso(this.t0 + ((i / users) ** 1.5) * 7 * YEAR);
      yield [i, `${slugify(first)}.${slugify(last)}.${i}@agents-territoriaux.test`, this.passwordHash, esc(first), esc(last),
        esc(pick(this.r, EMPLOYER_KINDS)(place)), esc(pick(this.r, JOBS)), dep, i % 13 === 0 ? NULL : created, created, created].join('\t');
    }
  }

  /** ~1.36 communities per member on average; every 500th member belongs to five (the "my feed" case). */
  *membershipRows(): Generator<string> {
    const { users } = this.sizes;
    const mine: number[] = [];
    for (let u = 1; u <= users; u += 1) {
      const k = u % 500 === 7 ? 5 : u % 11 < 4 ? 2 : 1;
      mine.length = 0;
      while (mine.length < k) {
        const c = this.community();
        if (!mine.includes(c)) mine.push(c);
      }
      for (const c of mine) {
        const members = this.membersOf[c]!;
        const role = members.length === 0 ? 'coordinator' : members.length < 3 ? 'animator' : 'member';
        members.push(u);
        this.memberships += 1;
        const joined = this.t0 + ((u / users) ** 1.5) * 7 * YEAR + this.r() * 30 * 86_400_000;
        yield `${c + 1}\t${u}\t${role}\t${this.iso(joined)}`;
      }
    }
  }

  /** Posts in time order, so ids follow time; counters are decided here and honoured by the later phases. */
  *postRows(): Generator<string> {
    const n = this.sizes.posts;
    const mean = this.sizes.commentsPerPost + 0.5;
    this.postCommunity = new Uint8Array(n + 1);
    this.postTime = new Float64Array(n + 1);
    this.postComments = new Uint16Array(n + 1);
    this.postDeletedComments = new Uint8Array(n + 1);
    this.postUseful = new Uint16Array(n + 1);
    const span = this.now - this.t0 - 86_400_000;
    for (let i = 1; i <= n; i += 1) {
      const c = this.community();
      const members = this.membersOf[c]!;
      const author = members[Math.floor(this.r() * members.length)]!;
      const t = this.t0 + ((i - 1 + this.r()) / n) * span;
      // One post in a thousand is a long thread (~50 comments): the "post page" benchmark case.
      const comments = i % 1000 === 500 ? 50 + Math.floor(this.r() * 6) : Math.floor(-Math.log(1 - this.r()) * mean);
      const deletedComments = comments > 3 && this.r() < 0.05 ? 1 : 0;
      const useful = Math.min(members.length - 1, Math.floor(-Math.log(1 - this.r()) * 1.5));
      this.postCommunity[i] = c;
      this.postTime[i] = t;
      this.postComments[i] = comments;
      this.postDeletedComments[i] = deletedComments;
      this.postUseful[i] = Math.max(0, useful);
      this.comments += comments;
      this.reactions += Math.max(0, useful);
      const [md, html, ex] = this.postTemplates[Math.floor(this.r() * this.postTemplates.length)]!;
      const deleted = this.r() < 0.003;
      const time = this.iso(t);
      // One live post in 12 is a question (its detail rows: large-questions.ts).
      const kind = i % 12 === 1 && !deleted ? 'question' : 'discussion';
      yield [i, c + 1, author, kind, esc(title(this.r)), md, html, ex, comments - deletedComments, Math.max(0, useful), time,
        deleted ? time : NULL, deleted ? author : NULL].join('\t');
    }
  }

  *commentRows(): Generator<string> {
    let id = 0;
    for (let p = 1; p < this.postTime.length; p += 1) {
      const members = this.membersOf[this.postCommunity[p]!]!;
      const n = this.postComments[p]!;
      const firstId = id + 1;
      let t = this.postTime[p]!;
      for (let k = 0; k < n; k += 1) {
        id += 1;
        t += -Math.log(1 - this.r()) * 5 * 3_600_000;
        const replyTo = k > 0 && this.r() < 0.2 ? String(firstId + Math.floor(this.r() * k)) : NULL;
        const [md, html] = this.commentTemplates[Math.floor(this.r() * this.commentTemplates.length)]!;
        const author = members[Math.floor(this.r() * members.length)]!;
        const deleted = k >= n - this.postDeletedComments[p]!;
        const time = this.iso(t);
        yield `${id}\t${p}\t${author}\t${replyTo}\t${md}\t${html}\t${time}\t${deleted ? time : NULL}\t${deleted ? author : NULL}`;
      }
    }
  }

  *reactionRows(): Generator<string> {
    const who: number[] = [];
    for (let p = 1; p < this.postTime.length; p += 1) {
      const members = this.membersOf[this.postCommunity[p]!]!;
      const n = this.postUseful[p]!;
      who.length = 0;
      while (who.length < n) {
        const u = members[Math.floor(this.r() * members.length)]!;
        if (!who.includes(u)) who.push(u);
      }
      for (const u of who) yield `${p}\t${u}\t${this.iso(this.postTime[p]! + this.r() * 3 * 86_400_000)}`;
    }
  }
}
