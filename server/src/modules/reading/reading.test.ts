import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { unique, useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';

describe('what is new since my last visit, and bookmarks', async () => {
  const { app } = await useTestApp();

  async function postIn(slug: string, headers: Record<string, string>) {
    const res = await app.inject({ method: 'POST', url: `/api/communities/${slug}/posts`, headers, payload: { title: `Sujet ${unique('s')}`, body: `Texte ${unique('t')}` } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number };
  }
  const comment = (postId: number, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers, payload: { body: `Réponse ${unique('c')}` } });
  const feed = (slug: string, headers: Record<string, string>) => app.inject({ method: 'GET', url: `/api/communities/${slug}/posts`, headers });
  /** Ends the current visit as if the person had left for an hour. */
  const pause = (userId: number) => app.pool.query(`UPDATE community_visits SET visited_at = visited_at - interval '1 hour' WHERE user_id = $1`, [userId]);

  /** Moves the community's posts two hours back, before the visits that `pause` moves one hour back. */
  const age = (communityId: number) => app.pool.query(`UPDATE posts SET created_at = created_at - interval '2 hours' WHERE community_id = $1`, [communityId]);

  /** Runs the statement in its own transaction, and says whether it wrote (a row lock counts: it takes an id) and how that transaction would commit. */
  async function inTransaction(statement: string, params: unknown[]) {
    const client = await app.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(statement, params);
      const { rows } = await client.query(`SELECT pg_current_xact_id_if_assigned() AS xid, current_setting('synchronous_commit') AS commit`);
      await client.query('ROLLBACK');
      const after = await client.query(`SELECT current_setting('synchronous_commit') AS commit`);
      return { wrote: rows[0].xid !== null, commit: rows[0].commit as string, commitAfter: after.rows[0].commit as string };
    } finally {
      client.release();
    }
  }
  const writes = async (statement: string, params: unknown[]) => (await inTransaction(statement, params)).wrote;

  it('marks the first unread comment of a post, once', async () => {
    const community = await createCommunity(app);
    const reader = await memberOf(app, community.id);
    const writer = await memberOf(app, community.id);
    const post = await postIn(community.slug, writer.headers);
    const first = await app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: reader.headers });
    expect(first.json()).toMatchObject({ bookmarked: false, readState: { seen: false, lastCommentId: null, newestCommentId: null } });
    const c1 = (await comment(post.id, writer.headers)).json();
    await comment(post.id, writer.headers);
    const back = await app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: reader.headers });
    // The newest comment tells the page that unread comments exist even when they lie past its first page.
    expect(back.json().readState).toEqual({ seen: true, lastCommentId: null, newestCommentId: back.json().comments.items[1].id });
    expect(back.json().comments.items[0].id).toBe(c1.id);
    const again = await app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: reader.headers });
    expect(again.json().readState.lastCommentId).toBe(back.json().comments.items[1].id);
    // Signed out: no reading state at all.
    const anonymous = await app.inject({ method: 'GET', url: `/api/posts/${post.id}` });
    expect(anonymous.json().readState).toBeUndefined();
  });

  it('records no reading of a post the reader may not see', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const reader = await memberOf(app, community.id);
    const post = await postIn(community.slug, author.headers);
    await app.pool.query(`UPDATE posts SET hidden_at = now() WHERE id = $1`, [post.id]);
    expect((await app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: reader.headers })).statusCode).toBe(404);
    // Its author still reads it (and why it was hidden): their reading is recorded.
    expect((await app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: author.headers })).statusCode).toBe(200);
    const reads = await app.pool.query(`SELECT user_id FROM post_reads WHERE post_id = $1`, [post.id]);
    expect(reads.rows.map((r) => Number(r.user_id))).toEqual([author.user.id]);
  });

  it('reads an unchanged post or feed again without writing anything (no transaction id, no WAL flush)', async () => {
    const community = await createCommunity(app);
    const reader = await memberOf(app, community.id);
    const writer = await memberOf(app, community.id);
    const post = await postIn(community.slug, writer.headers);
    await comment(post.id, writer.headers);
    await app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: reader.headers });
    await feed(community.slug, reader.headers);
    expect(await writes(`SELECT record_post_read($1, $2)`, [reader.user.id, post.id])).toBe(false);
    expect(await writes(`SELECT record_community_visit($1, $2)`, [reader.user.id, community.id])).toBe(false);
    // A new comment since: the reading moves on, and is written.
    await comment(post.id, writer.headers);
    expect(await writes(`SELECT record_post_read($1, $2)`, [reader.user.id, post.id])).toBe(true);
  });

  it('commits a new reading or visit without waiting for the WAL flush, in that transaction only', async () => {
    const community = await createCommunity(app);
    const reader = await memberOf(app, community.id);
    const writer = await memberOf(app, community.id);
    const post = await postIn(community.slug, writer.headers);
    const reading = `SELECT record_post_read($1, $2)`;
    const visit = `SELECT record_community_visit($1, $2)`;
    // First reading and first visit: written, and committed asynchronously; the session keeps its own setting.
    expect(await inTransaction(reading, [reader.user.id, post.id])).toEqual({ wrote: true, commit: 'off', commitAfter: 'on' });
    expect(await inTransaction(visit, [reader.user.id, community.id])).toEqual({ wrote: true, commit: 'off', commitAfter: 'on' });
    // Recorded for real (through the pages), then read again unchanged: nothing written, the commit is left alone.
    await app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: reader.headers });
    await feed(community.slug, reader.headers);
    expect(await inTransaction(reading, [reader.user.id, post.id])).toEqual({ wrote: false, commit: 'on', commitAfter: 'on' });
    expect(await inTransaction(visit, [reader.user.id, community.id])).toEqual({ wrote: false, commit: 'on', commitAfter: 'on' });
    const stored = await app.pool.query(`SELECT 1 FROM post_reads WHERE user_id = $1 AND post_id = $2`, [reader.user.id, post.id]);
    expect(stored.rowCount).toBe(1);
  });

  it('records no visit of a draft community the reader may not see', async () => {
    const community = await createCommunity(app);
    const member = await memberOf(app, community.id);
    await app.pool.query(`UPDATE communities SET status = 'draft' WHERE id = $1`, [community.id]);
    const res = await feed(community.slug, member.headers);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('COMMUNITY_NOT_FOUND');
    const visits = await app.pool.query(`SELECT 1 FROM community_visits WHERE user_id = $1 AND community_id = $2`, [member.user.id, community.id]);
    expect(visits.rowCount).toBe(0);
  });

  it('serves the live counters of a page held in the cache, and a fresh page once a post is published', async () => {
    const community = await createCommunity(app);
    const reader = await memberOf(app, community.id);
    const writer = await memberOf(app, community.id);
    const first = await postIn(community.slug, writer.headers);
    await feed(community.slug, reader.headers);
    await comment(first.id, writer.headers);
    // Same page (no post changed), counters read live in the one statement.
    const held = (await feed(community.slug, reader.headers)).json();
    expect(held.items.map((p: { id: number; commentCount: number }) => [p.id, p.commentCount])).toEqual([[first.id, 1]]);
    const second = await postIn(community.slug, writer.headers);
    await comment(second.id, writer.headers);
    await comment(second.id, writer.headers);
    const fresh = (await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/posts` })).json();
    expect(fresh.items.map((p: { id: number; commentCount: number }) => [p.id, p.commentCount])).toEqual([[second.id, 2], [first.id, 1]]);
    // « Mon fil » guessed its page from the pages it held: a post published since, in another community of mine
    // too, shows with its live counters.
    const other = await createCommunity(app);
    await app.pool.query(`INSERT INTO memberships (community_id, user_id, role) VALUES ($1, $2, 'member')`, [other.id, reader.user.id]);
    const mine = () => app.inject({ method: 'GET', url: '/api/feed', headers: reader.headers });
    expect((await mine()).json().items.map((p: { id: number }) => p.id)).toEqual([second.id, first.id]);
    await comment(first.id, writer.headers);
    expect((await mine()).json().items.map((p: { id: number; commentCount: number }) => [p.id, p.commentCount])).toEqual([[second.id, 2], [first.id, 2]]);
    const elsewhere = await postIn(other.slug, reader.headers);
    expect((await mine()).json().items.map((p: { id: number; commentCount: number }) => [p.id, p.commentCount]))
      .toEqual([[elsewhere.id, 0], [second.id, 2], [first.id, 2]]);
  });

  it('counts new posts and unread comments in the feeds, until everything is marked read', async () => {
    const community = await createCommunity(app);
    const reader = await memberOf(app, community.id);
    const writer = await memberOf(app, community.id);
    const old = await postIn(community.slug, writer.headers);
    const firstVisit = (await feed(community.slug, reader.headers)).json();
    expect(firstVisit.visit).toEqual({ previousVisitAt: null, newPosts: 0 });
    await app.inject({ method: 'GET', url: `/api/posts/${old.id}`, headers: reader.headers });
    await age(community.id);
    await pause(reader.user.id);
    const fresh = await postIn(community.slug, writer.headers);
    await comment(old.id, writer.headers);
    await comment(old.id, writer.headers);

    const page = (await feed(community.slug, reader.headers)).json();
    expect(page.visit.newPosts).toBe(1);
    const byId = Object.fromEntries(page.items.map((p: { id: number }) => [p.id, p]));
    expect(byId[fresh.id]).toMatchObject({ isNew: true, unreadComments: null });
    expect(byId[old.id]).toMatchObject({ isNew: false, unreadComments: 2 });
    // Reloading within the visit keeps the marks.
    expect((await feed(community.slug, reader.headers)).json().visit.newPosts).toBe(1);
    const mine = (await app.inject({ method: 'GET', url: '/api/feed', headers: reader.headers })).json().items;
    expect(mine.find((p: { id: number }) => p.id === fresh.id).isNew).toBe(true);
    // The writer's own posts are never new to them.
    expect((await feed(community.slug, writer.headers)).json().items.every((p: { isNew: boolean }) => !p.isNew)).toBe(true);

    const read = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/read`, headers: reader.headers });
    expect(read.statusCode).toBe(200);
    const after = (await feed(community.slug, reader.headers)).json();
    expect(after.visit.newPosts).toBe(0);
    expect(after.items.every((p: { isNew: boolean; unreadComments: number | null }) => !p.isNew && !p.unreadComments)).toBe(true);

    // Everywhere at once, from « Mon fil ».
    await age(community.id);
    await pause(reader.user.id);
    await app.pool.query(`UPDATE community_visits SET previous_visit_at = previous_visit_at - interval '1 hour' WHERE user_id = $1`, [reader.user.id]);
    await postIn(community.slug, writer.headers);
    expect((await feed(community.slug, reader.headers)).json().visit.newPosts).toBe(1);
    expect((await app.inject({ method: 'POST', url: '/api/feed/read', headers: reader.headers })).statusCode).toBe(200);
    expect((await feed(community.slug, reader.headers)).json().visit.newPosts).toBe(0);
  });

  it('saves posts to find them again, by cursor, visible ones only', async () => {
    const community = await createCommunity(app);
    const me = await memberOf(app, community.id);
    const writer = await memberOf(app, community.id);
    const posts = [await postIn(community.slug, writer.headers), await postIn(community.slug, writer.headers), await postIn(community.slug, writer.headers)];
    for (const p of posts) {
      const res = await app.inject({ method: 'PUT', url: `/api/posts/${p.id}/bookmark`, headers: me.headers });
      expect(res.json()).toEqual({ bookmarked: true });
    }
    // Twice is once.
    await app.inject({ method: 'PUT', url: `/api/posts/${posts[0]!.id}/bookmark`, headers: me.headers });
    expect((await app.inject({ method: 'GET', url: `/api/posts/${posts[0]!.id}`, headers: me.headers })).json().bookmarked).toBe(true);
    const page1 = (await app.inject({ method: 'GET', url: '/api/bookmarks?limit=2', headers: me.headers })).json();
    const page2 = (await app.inject({ method: 'GET', url: `/api/bookmarks?limit=2&cursor=${page1.nextCursor}`, headers: me.headers })).json();
    expect([...page1.items, ...page2.items].map((b: { post: { id: number } }) => b.post.id)).toEqual(posts.map((p) => p.id).reverse());
    expect(page2.nextCursor).toBeNull();

    await app.inject({ method: 'DELETE', url: `/api/posts/${posts[1]!.id}/bookmark`, headers: me.headers });
    await app.inject({ method: 'DELETE', url: `/api/posts/${posts[2]!.id}`, headers: writer.headers });
    const left = (await app.inject({ method: 'GET', url: '/api/bookmarks', headers: me.headers })).json().items;
    expect(left.map((b: { post: { id: number } }) => b.post.id)).toEqual([posts[0]!.id]);

    // Someone else's list is theirs; a post one cannot see cannot be saved; bad ids are refused.
    const other = await signIn(app);
    expect((await app.inject({ method: 'GET', url: '/api/bookmarks', headers: other.headers })).json().items).toEqual([]);
    const hidden = await app.inject({ method: 'PUT', url: `/api/posts/${posts[2]!.id}/bookmark`, headers: other.headers });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('POST_NOT_FOUND');
    expect((await app.inject({ method: 'PUT', url: '/api/posts/0/bookmark', headers: me.headers })).statusCode).toBe(400);
    expect((await app.inject({ method: 'PUT', url: `/api/posts/${posts[0]!.id}/bookmark` })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/communities/nope-nope/read', headers: me.headers })).statusCode).toBe(404);
  });

  it('reads a post and a feed through indexes only', async () => {
    const community = await createCommunity(app);
    const me = await memberOf(app, community.id);
    const post = await postIn(community.slug, me.headers);
    await comment(post.id, me.headers);
    const client = await app.pool.connect();
    try {
      await client.query('BEGIN');
      // Tiny test tables would be scanned whole anyway; with sequential scans off, a plan still holding one
      // means no index can serve the statement.
      await client.query('SET LOCAL enable_seqscan = off');
      const plan = async (text: string, values: unknown[]) =>
        (await client.query(`EXPLAIN ${text}`, values)).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      const postRead = await plan(
        `WITH prev AS (SELECT last_comment_id FROM post_reads WHERE user_id = $1 AND post_id = $2),
         cur AS (SELECT p.comment_count, (SELECT k.id FROM comments k WHERE k.post_id = p.id ORDER BY k.created_at DESC, k.id DESC LIMIT 1) AS last_id FROM posts p WHERE p.id = $2)
         SELECT EXISTS (SELECT 1 FROM prev), (SELECT last_comment_id FROM prev), (SELECT last_id FROM cur),
                EXISTS (SELECT 1 FROM bookmarks b WHERE b.user_id = $1 AND b.post_id = $2)`,
        [me.user.id, post.id]);
      expect(postRead).toMatch(/post_reads_user_id_post_id_pk/);
      expect(postRead).toMatch(/comments_post_idx/);
      expect(postRead).toMatch(/bookmarks_user_id_post_id_pk/);
      expect(postRead).not.toMatch(/Seq Scan/);
      const visit = await plan(
        `SELECT count(*) FROM (SELECT 1 FROM posts p WHERE p.community_id = $1 AND p.deleted_at IS NULL AND p.hidden_at IS NULL
           AND p.created_at > now() - interval '1 day' AND p.author_id <> $2 LIMIT 100) n`, [community.id, me.user.id]);
      // posts_community_feed_idx at scale; on a test table the planner may prefer another index of posts.
      expect(visit).toMatch(/Index (Only )?Scan/);
      expect(visit).not.toMatch(/Seq Scan/);
      const feedJoin = await plan(`SELECT r.comments_seen FROM posts p LEFT JOIN post_reads r ON r.user_id = $1 AND r.post_id = p.id WHERE p.id = $2`, [me.user.id, post.id]);
      expect(feedJoin).toMatch(/post_reads_user_id_post_id_pk/);
      expect(feedJoin).not.toMatch(/Seq Scan/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it('records reading and visits within the pages’ one statement', async () => {
    const community = await createCommunity(app);
    const me = await memberOf(app, community.id);
    const post = await postIn(community.slug, me.headers);
    await comment(post.id, me.headers);
    /** The texts of the statements a request sends through the app's pool (Drizzle uses pool.query). */
    const statements = async (url: string, headers?: Record<string, string>) => {
      const texts: string[] = [];
      const original = app.pool.query.bind(app.pool);
      const spy = (...args: unknown[]) => {
        const q = args[0] as string | { text: string };
        texts.push(typeof q === 'string' ? q : q.text);
        return (original as (...a: unknown[]) => unknown)(...args);
      };
      (app.pool as unknown as { query: unknown }).query = spy;
      try {
        expect((await app.inject({ method: 'GET', url, ...(headers ? { headers } : {}) })).statusCode).toBe(200);
      } finally {
        (app.pool as unknown as { query: unknown }).query = original;
      }
      return texts;
    };
    const reading = /post_reads|community_visits|bookmarks|record_post_read|record_community_visit/;
    // Warm: the page cache holds the post, the session is known.
    await statements(`/api/posts/${post.id}`, me.headers);
    const signedIn = await statements(`/api/posts/${post.id}`, me.headers);
    const anonymous = await statements(`/api/posts/${post.id}`);
    expect(signedIn.filter((t) => reading.test(t))).toHaveLength(1);
    // The feed: one visit statement, the unread counts joined into the feed's own statement.
    await statements(`/api/communities/${community.slug}/posts`, me.headers);
    const feedTexts = await statements(`/api/communities/${community.slug}/posts`, me.headers);
    const anonymousFeed = await statements(`/api/communities/${community.slug}/posts`);
    // Beside the request's own: batched audience counters flushed by a timer, and the session when its cache expired.
    const own = (texts: string[]) => texts.filter((t) => !/^\s*INSERT INTO (post_view|member_activity)|FROM sessions/i.test(t));
    // The post page: its state and the reading, one statement for a signed-in reader as for anyone.
    expect(own(signedIn)).toHaveLength(1);
    expect(own(anonymous)).toHaveLength(1);
    // The same statement (readers of one turn share it, see TickBatch), asked to record nothing for the anonymous one.
    expect(own(anonymous)).toEqual(own(signedIn));
    // The feed page held in the cache: the community, the live parts and the visit, in one statement for both.
    expect(own(feedTexts)).toHaveLength(1);
    expect(own(feedTexts)[0]).toMatch(/record_community_visit/);
    expect(own(anonymousFeed)).toHaveLength(1);
    // « Mon fil », its pages held: my communities and the live parts, one statement.
    await statements('/api/feed', me.headers);
    expect(own(await statements('/api/feed', me.headers))).toHaveLength(1);
  });
});
