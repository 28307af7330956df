/** Posts of every kind and their kind-specific rows (questions, events, polls with options and votes). */
import { computeDeadline } from '../../../common/time/index.js';
import { normaliseTags } from '../modules/posts/kinds.js';
import type { PostLine } from './format.js';
import { finishUpdates } from './write-people.js';
import { copyObjects } from '../db/copy.js';
import {
  allocate, atMostNow, emptyOutcome, markdownOf, ownPaths, renderAll, resolve, saveNewMappings, saveOldAddresses, split,
  type Ctx, type Outcome, type Pending, type Rendered,
} from './store.js';

/** Imported questions get the platform's default deadline rule; the figures of the past are what they are. */
const DEFAULT_RULE = { days: 3, mode: 'calendar' } as const;

const POST_FIELDS = `id bigint, community_id bigint, author_id bigint, kind post_kind, title text, body_md text, body_html text, excerpt text,
  created_at timestamptz, edited_at timestamptz, deleted_at timestamptz, article_type article_type, link_url text, link_title text,
  link_description text, link_source text, cnfpt_type text, shared_post_id bigint, tags text[]`;
const POST_RECORD = `x(${POST_FIELDS})`;
const POST_COLUMNS = [
  'id', 'community_id', 'author_id', 'kind', 'title', 'body_md', 'body_html', 'excerpt', 'created_at', 'edited_at', 'deleted_at', 'article_type',
  'link_url', 'link_title', 'link_description', 'link_source', 'cnfpt_type', 'shared_post_id', 'tags', 'comment_count', 'useful_count',
] as const;

type Refs = {
  communities: Map<string, number>; members: Map<string, number>; posts: Map<string, number>; rendered: Map<PostLine, Rendered>;
};

function postColumns(p: PostLine, refs: Refs, counts?: Ctx['childCounts']) {
  const body = refs.rendered.get(p)!;
  return {
    comment_count: counts?.comments.get(p.id) ?? 0, useful_count: counts?.useful.get(p.id) ?? 0,
    community_id: refs.communities.get(p.community), author_id: refs.members.get(p.author), kind: p.kind, title: p.title,
    body_md: body.md, body_html: body.html, excerpt: body.excerpt, created_at: p.createdAt, edited_at: atMostNow(p.editedAt),
    deleted_at: p.deletedAt ?? null, article_type: p.articleType ?? null, link_url: p.link?.url ?? null, link_title: p.link?.title ?? null,
    link_description: p.link?.description ?? null, link_source: p.link?.source ?? null,
    // The database allows a CNFPT type on a ressource only: elsewhere it is dropped, like any field of another kind.
    cnfpt_type: p.kind === 'ressource' ? p.cnfptType ?? null : null,
    shared_post_id: p.sharedPost ? refs.posts.get(p.sharedPost) ?? null : null, tags: safeTags(p.tags),
  };
}

function safeTags(tags: string[] | undefined): string[] {
  try {
    return normaliseTags(tags);
  } catch {
    return [];
  }
}

export async function writePosts(ctx: Ctx, batch: Pending<PostLine>[]): Promise<Outcome> {
  const out = emptyOutcome();
  const { fresh, changed, unchanged } = await split(ctx, 'post', batch, (p) => p.id);
  out.unchanged = unchanged;
  const lines = [...fresh, ...changed].map((p) => p.value);
  const refs = {
    communities: await resolve(ctx, 'community', lines.map((p) => p.community)),
    members: await resolve(ctx, 'member', lines.flatMap((p) => [p.author, ...(p.poll?.votes.map((v) => v.member) ?? [])])),
    posts: await resolve(ctx, 'post', lines.map((p) => p.sharedPost)),
  };
  const ids = await allocate(ctx, 'posts', fresh.length);
  const own = ownPaths(fresh.map((p, i) => ({ oldUrl: p.value.oldUrl, newPath: `/publications/${ids[i]}` })));
  const ahead = new Map([...fresh, ...changed].map((p) => [p.value, p.rendered]));
  const md = await markdownOf(ctx, lines, (p) => p.body, own, ahead);
  const withMd = { ...refs, rendered: await renderAll(ctx, lines, md, ahead, true) };
  if (fresh.length > 0) {
    // COPY writes the ids taken ahead as INSERT … OVERRIDING SYSTEM VALUE would.
    await copyObjects(ctx.client, 'posts', POST_COLUMNS, fresh.map((p, i) => ({ ...postColumns(p.value, withMd, ctx.childCounts), id: ids[i] })));
    const created = fresh.map((p, i) => ({ line: p.value, id: ids[i]!, community: refs.communities.get(p.value.community)! }));
    await writeQuestions(ctx, created, refs.members);
    await writeEvents(ctx, created);
    await writePolls(ctx, created, refs.members);
  }
  out.inserted = fresh.length;
  await saveNewMappings(ctx, 'post', fresh.map((p, i) => ({ sourceId: p.value.id, localId: ids[i]!, hash: p.hash, oldUrl: p.value.oldUrl })));
  await saveOldAddresses(ctx, fresh.map((p, i) => ({ oldUrl: p.value.oldUrl, newPath: `/publications/${ids[i]}` })));
  if (changed.length > 0) await updatePosts(ctx, changed, withMd, out);
  return out;
}

/**
 * A post edited or moderated here since it was imported keeps its local version (docs/exchange-format.md).
 * Its kind, community and author never change; polls keep the options and votes of their first import.
 */
async function updatePosts(ctx: Ctx, changed: (Pending<PostLine> & { localId: number })[], refs: Parameters<typeof postColumns>[1], out: Outcome) {
  const { rows: done } = await ctx.client.query<{ id: number }>(
    `UPDATE posts p SET title = x.title, body_md = x.body_md, body_html = x.body_html, excerpt = x.excerpt, edited_at = x.edited_at,
                        deleted_at = x.deleted_at, article_type = x.article_type, link_url = x.link_url, link_title = x.link_title,
                        link_description = x.link_description, link_source = x.link_source, cnfpt_type = x.cnfpt_type, tags = coalesce(x.tags, '{}')
       FROM json_to_recordset($1::json) AS ${POST_RECORD}, exchange_mappings m
      WHERE p.id = x.id AND m.source = $2 AND m.kind = 'post' AND m.local_id = x.id
        AND coalesce(p.edited_at, p.created_at) <= m.updated_at AND coalesce(p.moderated_at, p.hidden_at, p.created_at) <= m.updated_at
      RETURNING p.id`,
    [JSON.stringify(changed.map((p) => ({ ...postColumns(p.value, refs), id: p.localId }))), ctx.source]);
  const reached = new Set(done.map((r) => Number(r.id)));
  const events = changed.filter((p) => reached.has(p.localId) && p.value.event);
  if (events.length > 0) {
    await ctx.client.query(
      `UPDATE events e SET starts_at = x.starts_at, ends_at = x.ends_at, all_day = x.all_day, place = x.place, online_url = x.online_url,
                           registration_url = x.registration_url, organiser = x.organiser, sequence = e.sequence + 1, updated_at = now()
         FROM json_to_recordset($1::json) AS x(post_id bigint, starts_at timestamptz, ends_at timestamptz, all_day boolean, place text,
                                                online_url text, registration_url text, organiser text)
        WHERE e.post_id = x.post_id`,
      [JSON.stringify(events.map((p) => eventColumns(p.value, p.localId)))]);
  }
  await finishUpdates(ctx, 'post', changed, done, out);
}

type Created = { line: PostLine; id: number; community: number }[];

async function writeQuestions(ctx: Ctx, created: Created, members: Map<string, number>) {
  const rows = created.filter((c) => c.line.kind === 'question').map((c) => ({
    post_id: c.id, community_id: c.community, asker_id: members.get(c.line.author), asked_at: c.line.createdAt,
    deadline_at: computeDeadline(new Date(c.line.createdAt), DEFAULT_RULE).toISOString(),
  }));
  if (rows.length === 0) return;
  await ctx.client.query(
    `INSERT INTO questions (post_id, community_id, asker_id, asked_at, deadline_at)
     SELECT * FROM json_to_recordset($1::json) AS x(post_id bigint, community_id bigint, asker_id bigint, asked_at timestamptz, deadline_at timestamptz)`,
    [JSON.stringify(rows)]);
}

function eventColumns(p: PostLine, postId: number, community?: number) {
  const e = p.event!;
  return {
    post_id: postId, community_id: community, starts_at: e.startsAt, ends_at: e.endsAt, all_day: e.allDay, place: e.place ?? null,
    online_url: e.onlineUrl ?? null, registration_url: e.registrationUrl ?? null, organiser: e.organiser ?? null, created_at: p.createdAt,
  };
}

async function writeEvents(ctx: Ctx, created: Created) {
  const rows = created.filter((c) => c.line.event).map((c) => eventColumns(c.line, c.id, c.community));
  if (rows.length === 0) return;
  await ctx.client.query(
    `INSERT INTO events (post_id, community_id, starts_at, ends_at, all_day, place, online_url, registration_url, organiser, created_at, updated_at)
     SELECT post_id, community_id, starts_at, ends_at, all_day, place, online_url, registration_url, organiser, created_at, created_at
       FROM json_to_recordset($1::json) AS x(post_id bigint, community_id bigint, starts_at timestamptz, ends_at timestamptz, all_day boolean,
                                              place text, online_url text, registration_url text, organiser text, created_at timestamptz)`,
    [JSON.stringify(rows)]);
}

/** Options get their ids ahead too, so votes can name them in the same statements. */
async function writePolls(ctx: Ctx, created: Created, members: Map<string, number>) {
  const polls = created.filter((c) => c.line.poll);
  if (polls.length === 0) return;
  await ctx.client.query(
    `INSERT INTO polls (post_id, community_id, multiple, allow_free_text, closes_at, results_visibility, created_at)
     SELECT * FROM json_to_recordset($1::json) AS x(post_id bigint, community_id bigint, multiple boolean, allow_free_text boolean,
                                                     closes_at timestamptz, results_visibility poll_results_visibility, created_at timestamptz)`,
    [JSON.stringify(polls.map((c) => ({
      post_id: c.id, community_id: c.community, multiple: c.line.poll!.multiple, allow_free_text: c.line.poll!.allowFreeText,
      closes_at: c.line.poll!.closesAt, results_visibility: c.line.poll!.resultsVisibility, created_at: c.line.createdAt,
    })))]);
  const optionIds = await allocate(ctx, 'poll_options', polls.reduce((n, c) => n + c.line.poll!.options.length, 0));
  let next = 0;
  const options: { id: number; poll_id: number; position: number; label: string }[] = [];
  const votes: { poll_id: number; user_id: number; created_at: string; free_text: string | null }[] = [];
  const choices: { poll_id: number; user_id: number; option_id: number }[] = [];
  for (const c of polls) {
    const ids = c.line.poll!.options.map((o, position) => {
      const id = optionIds[next++]!;
      options.push({ id, poll_id: c.id, position, label: o.label });
      return id;
    });
    for (const v of c.line.poll!.votes) {
      const user = members.get(v.member)!;
      votes.push({ poll_id: c.id, user_id: user, created_at: v.at, free_text: v.freeText ?? null });
      for (const choice of v.choices) choices.push({ poll_id: c.id, user_id: user, option_id: ids[choice]! });
    }
  }
  await ctx.client.query(
    `INSERT INTO poll_options (id, poll_id, position, label) OVERRIDING SYSTEM VALUE
     SELECT * FROM json_to_recordset($1::json) AS x(id bigint, poll_id bigint, position int, label text)`, [JSON.stringify(options)]);
  if (votes.length === 0) return;
  await ctx.client.query(
    `INSERT INTO poll_votes (poll_id, user_id, created_at, free_text)
     SELECT * FROM json_to_recordset($1::json) AS x(poll_id bigint, user_id bigint, created_at timestamptz, free_text text)`, [JSON.stringify(votes)]);
  if (choices.length === 0) return;
  await ctx.client.query(
    `INSERT INTO poll_vote_choices (poll_id, user_id, option_id)
     SELECT * FROM json_to_recordset($1::json) AS x(poll_id bigint, user_id bigint, option_id bigint)`, [JSON.stringify(choices)]);
}
