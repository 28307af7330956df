import { inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { comments, communities, communityRelations, memberships, postReactions, postRevisions, posts, users } from '../db/schema/index.js';
import { excerpt, renderMarkdown } from '../lib/markdown.js';
import { hashPassword } from '../lib/password.js';
import { DEMO_COMMUNITIES, DEMO_PASSWORD, DEMO_POSTS, DEMO_USERS, type DemoCommunity } from './demo-content.js';
import { seedDemoQuestions } from './demo-questions.js';
import { seedDemoAgenda } from './demo-agenda.js';
import { seedDemoFormats } from './demo-formats.js';
import { seedDemoReports } from './demo-reports.js';
import { seedDemoNational } from './demo-national.js';
import { seedDemoSurvey } from './demo-survey.js';
import { seedDemoToolkit } from './demo-toolkit.js';
import { seedDemoNetworking } from './demo-networking.js';
import { seedDemoAudience } from './demo-audience.js';
import { seedDemoVeille } from './demo-veille.js';
import { seedDemoCnfpt } from './demo-cnfpt.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemoSummary {
  users: number;
  communities: number;
  posts: number;
  comments: number;
  communityIds: number[];
}

/**
 * Loads the demo network on the first start of an empty database.
 * The advisory lock keeps two instances starting together from seeding twice.
 */
export async function seedDemoIfEmpty(db: Db, log: (msg: string) => void): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('e-communautes:demo-seed'))`);
    const existing = await tx.execute(sql`SELECT 1 FROM communities LIMIT 1`);
    if (existing.rows.length > 0) return;
    log('Base vide : chargement des données de démonstration…');
    const s = await seedDemo(tx, log);
    log(`Démonstration prête : ${s.communities} communautés, ${s.users} comptes, ${s.posts} publications, ${s.comments} commentaires.`);
    log(`Comptes de démonstration (mot de passe « ${DEMO_PASSWORD} ») : admin@, coordination@, animation@, membre@e-communautes.test`);
  });
}

/** Members of a community in a stable order: coordinators, animators, then members. */
function people(c: DemoCommunity): { key: string; role: 'coordinator' | 'animator' | 'member' }[] {
  return [
    ...c.coordinators.map((key) => ({ key, role: 'coordinator' as const })),
    ...c.animators.map((key) => ({ key, role: 'animator' as const })),
    ...c.members.map((key) => ({ key, role: 'member' as const })),
  ];
}

/** Per person, how many days ago they first wrote in the community (post or comment). */
function firstActivityDaysAgo(slug: string): Map<string, number> {
  const first = new Map<string, number>();
  const note = (key: string, days: number) => first.set(key, Math.max(first.get(key) ?? 0, days));
  for (const p of DEMO_POSTS[slug] ?? []) {
    note(p.by, p.daysAgo);
    for (const c of p.comments) note(c.by, Math.floor(p.daysAgo - c.h / 24));
  }
  return first;
}

/**
 * Joins spread over the last eleven months (staff first, the latest member a few days ago), so the growth
 * charts and "new members this month" show a living community; never after the person's first contribution.
 */
function joinedDaysAgo(c: DemoCommunity, index: number, count: number, firstActivity = 0): number {
  if (c.status === 'draft') return 15;
  const spread = 3 + Math.round((330 * (count - 1 - index)) / Math.max(1, count - 1));
  return Math.max(spread, firstActivity + 1);
}

interface PostSeedContext {
  uid: (key: string) => number;
  communityId: Map<string, number>;
  /** A time of the seed's past: never later than a minute before `now`. */
  at: (ms: number) => Date;
  now: Date;
  log: (msg: string) => void;
}

/** The demo posts, their comments and « utile » reactions, each written by a member of its community. */
async function seedDemoPosts(tx: DbOrTx, { uid, communityId, at, now, log }: PostSeedContext): Promise<{ posts: number; comments: number }> {
  // Oldest first, so ids follow time as they would in real life.
  const all = Object.entries(DEMO_POSTS)
    .flatMap(([slug, list]) => list.map((p) => ({ slug, p })))
    .sort((a, b) => b.p.daysAgo - a.p.daysAgo);
  let commentTotal = 0;
  for (const [n, { slug, p }] of all.entries()) {
    const community = DEMO_COMMUNITIES.find((c) => c.slug === slug)!;
    const members = people(community).map((m) => m.key);
    for (const key of [p.by, ...p.comments.map((c) => c.by)]) {
      if (!members.includes(key)) throw new Error(`${key} écrit dans ${slug} sans en être membre`);
    }
    // Morning to late afternoon, varied but deterministic.
    const createdMs = now.getTime() - p.daysAgo * DAY - ((n * 7) % 9) * HOUR;
    const [post] = await tx.insert(posts).values({
      communityId: communityId.get(slug)!, authorId: uid(p.by), kind: p.kind ?? 'discussion', title: p.title, bodyMd: p.body,
      articleType: p.articleType ?? null, linkUrl: p.link?.url ?? null, linkTitle: p.link?.title ?? null, linkSource: p.link?.source ?? null,
      bodyHtml: renderMarkdown(p.body), excerpt: excerpt(p.body), createdAt: at(createdMs),
    }).returning({ id: posts.id });
    const postId = post!.id;

    const commentIds: number[] = [];
    for (const c of p.comments) {
      const replyToId = c.reply === undefined ? null : commentIds[c.reply];
      if (replyToId === undefined) throw new Error(`Réponse à un commentaire absent dans « ${p.title} »`);
      const [row] = await tx.insert(comments).values({
        postId, authorId: uid(c.by), replyToId, bodyMd: c.body, bodyHtml: renderMarkdown(c.body),
        createdAt: at(createdMs + c.h * HOUR),
      }).returning({ id: comments.id });
      commentIds.push(row!.id);
    }
    commentTotal += commentIds.length;

    const fans = members.filter((k) => k !== p.by).slice(0, p.useful);
    if (fans.length > 0) {
      await tx.insert(postReactions).values(fans.map((k, i) => ({ postId, userId: uid(k), createdAt: at(createdMs + (i + 1) * 2 * HOUR) })));
    }
  }
  log(`  ${all.length} publications et ${commentTotal} commentaires créés`);
  return { posts: all.length, comments: commentTotal };
}

/** Inserts the whole demo network with the given handle (call it inside one transaction). */
export async function seedDemo(tx: DbOrTx, log: (msg: string) => void = () => {}, now = new Date()): Promise<DemoSummary> {
  const at = (ms: number) => new Date(Math.min(now.getTime() - 60_000, ms));
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const userRows = await tx.insert(users).values(DEMO_USERS.map((u, i) => ({
    email: u.email, passwordHash, firstName: u.firstName, lastName: u.lastName, employer: u.employer, job: u.job,
    departement: u.departement, bio: u.bio ?? '', nationalRole: u.nationalRole ?? null,
    // Shared by every visitor with a published password: exempt from the second factor (mfa module). Only this
    // seed sets the flag; no route can.
    demoAccount: true,
    emailVerifiedAt: at(now.getTime() - (400 - i) * DAY), createdAt: at(now.getTime() - (400 - i) * DAY),
  }))).returning({ id: users.id, email: users.email });
  const userId = new Map(DEMO_USERS.map((u) => [u.key, userRows.find((r) => r.email === u.email)!.id]));
  const uid = (key: string) => {
    const id = userId.get(key);
    if (id === undefined) throw new Error(`Compte de démonstration inconnu : ${key}`);
    return id;
  };
  log(`  ${userRows.length} comptes créés`);

  const communityRows = await tx.insert(communities).values(DEMO_COMMUNITIES.map((c) => ({
    slug: c.slug, name: c.name, description: c.description, perimeter: c.perimeter, targetAudience: c.targetAudience,
    editorialLine: c.editorialLine, status: c.status, launchDate: c.launchDate,
    createdAt: at(c.launchDate ? Date.parse(c.launchDate) - 30 * DAY : now.getTime() - 20 * DAY),
  }))).returning({ id: communities.id, slug: communities.slug });
  const communityId = new Map(communityRows.map((r) => [r.slug, r.id]));
  const ids = communityRows.map((r) => r.id);

  const relations = DEMO_COMMUNITIES.flatMap((c) => c.related.flatMap((other) => [
    { communityId: communityId.get(c.slug)!, relatedId: communityId.get(other)! },
    { communityId: communityId.get(other)!, relatedId: communityId.get(c.slug)! },
  ]));
  await tx.insert(communityRelations).values(relations).onConflictDoNothing();

  const memberRows = DEMO_COMMUNITIES.flatMap((c) => {
    const list = people(c);
    const first = firstActivityDaysAgo(c.slug);
    return list.map((p, i) => ({
      communityId: communityId.get(c.slug)!, userId: uid(p.key), role: p.role,
      joinedAt: at(now.getTime() - joinedDaysAgo(c, i, list.length, first.get(p.key)) * DAY),
      roleGrantedBy: p.role === 'member' ? null : uid('admin'),
    }));
  });
  await tx.insert(memberships).values(memberRows);
  log(`  ${communityRows.length} communautés et ${memberRows.length} adhésions créées`);

  const written = await seedDemoPosts(tx, { uid, communityId, at, now, log });

  // One edited post, so the revision history has something to show.
  const edited = await tx.select({ id: posts.id, createdAt: posts.createdAt, authorId: posts.authorId }).from(posts)
    .where(sql`${posts.title} LIKE 'NPNRU : notre retour%' AND ${inArray(posts.communityId, ids)}`);
  if (edited[0]) {
    const e = edited[0];
    await tx.insert(postRevisions).values({
      postId: e.id, title: 'NPNRU : retour d’expérience sur la concertation', editedBy: e.authorId,
      bodyMd: 'Trois ans après le début des relogements, voici ce que nous retenons de la concertation. (Première version.)',
      createdAt: at(e.createdAt.getTime() + HOUR),
    });
    await tx.update(posts).set({ editedAt: at(e.createdAt.getTime() + HOUR) }).where(sql`${posts.id} = ${e.id}`);
  }

  await seedDemoQuestions(tx, now);
  await seedDemoAgenda(tx, now);
  await seedDemoFormats(tx);
  await seedDemoReports(tx, now);
  await seedDemoNational(tx, now);
  await seedDemoToolkit(tx, now);
  await seedDemoSurvey(tx, now);
  await seedDemoNetworking(tx, now);
  await seedDemoAudience(tx, ids, now);
  await seedDemoVeille(tx, communityId.get('politique-de-la-ville')!, uid('animation'), now);
  await seedDemoCnfpt(tx, uid('admin'), now);
  await refreshCounters(tx, ids);
  log('  compteurs recalculés');
  return { users: userRows.length, communities: communityRows.length, posts: written.posts, comments: written.comments, communityIds: ids };
}

/** Recomputes the stored counters of the given communities and their posts from the rows themselves. */
export async function refreshCounters(tx: DbOrTx, communityIds: number[]): Promise<void> {
  const ids = sql.raw(`ARRAY[${communityIds.map((n) => Number(n)).join(',')}]::bigint[]`);
  await tx.execute(sql`
    UPDATE communities c SET member_count = coalesce(s.n, 0), post_count = coalesce(p.n, 0)
      FROM (SELECT id FROM communities WHERE id = ANY(${ids})) x
      LEFT JOIN (SELECT community_id, count(*)::int n FROM memberships WHERE community_id = ANY(${ids}) GROUP BY community_id) s
             ON s.community_id = x.id
      LEFT JOIN (SELECT community_id, count(*)::int n FROM posts WHERE deleted_at IS NULL AND community_id = ANY(${ids}) GROUP BY community_id) p
             ON p.community_id = x.id
     WHERE c.id = x.id`);
  await tx.execute(sql`
    UPDATE posts p SET comment_count = coalesce(s.comments, 0), useful_count = coalesce(s.useful, 0)
      FROM (SELECT p2.id,
                   (SELECT count(*)::int FROM comments c WHERE c.post_id = p2.id AND c.deleted_at IS NULL) AS comments,
                   (SELECT count(*)::int FROM post_reactions r WHERE r.post_id = p2.id) AS useful
              FROM posts p2 WHERE p2.community_id = ANY(${ids})) s
     WHERE p.id = s.id`);
}
