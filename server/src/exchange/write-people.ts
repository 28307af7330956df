/** Members, communities and memberships of a batch (see store.ts for the shared pattern). */
import { copyObjects } from '../db/copy.js';
import { allocate, emptyOutcome, resolve, saveMappings, saveNewMappings, saveOldAddresses, split, type Ctx, type Outcome, type Pending } from './store.js';
import type { CommunityLine, MemberLine, MembershipLine } from './format.js';
import { UNUSABLE_PASSWORD_HASH } from '../modules/member-import/csv-import.js';
import { queueWelcomeMailsWith } from '../modules/member-import/welcome.js';

export async function writeMembers(ctx: Ctx, batch: Pending<MemberLine>[]): Promise<Outcome> {
  const out = emptyOutcome();
  const { fresh, changed, unchanged } = await split(ctx, 'member', batch, (m) => m.id);
  out.unchanged = unchanged;
  // Someone already registered here with that address keeps their account: the import is linked to it.
  const emails = fresh.map((p) => p.value.email.normalize('NFKC').trim());
  const { rows: existing } = await ctx.client.query<{ id: number; email: string }>(
    'SELECT id, lower(email) AS email FROM users WHERE email = ANY($1::citext[])', [emails]);
  const byEmail = new Map(existing.map((r) => [r.email, r.id]));
  const linked = fresh.filter((p) => byEmail.has(p.value.email.normalize('NFKC').trim().toLowerCase()));
  const created = fresh.filter((p) => !linked.includes(p));
  const ids = await allocate(ctx, 'users', created.length);
  if (created.length > 0) {
    // The transaction's own now() as text (a JavaScript Date would drop its microseconds): imported_at, like
    // updated_at left to its default, must not be later than the mapping rows' updated_at of the same transaction.
    const now = (await ctx.client.query<{ now: string }>('SELECT now()::text AS now')).rows[0]!.now;
    // COPY writes the ids taken ahead as INSERT … OVERRIDING SYSTEM VALUE would.
    await copyObjects(ctx.client, 'users', ['id', 'email', 'password_hash', 'first_name', 'last_name', 'employer', 'job', 'departement', 'bio', 'created_at', 'imported_at'],
      created.map((p, i) => ({ ...memberColumns(p.value), id: ids[i], password_hash: UNUSABLE_PASSWORD_HASH, imported_at: now })));
    // Their first sign-in e-mail, sent later by the worker's throttled campaign; queued in this batch's transaction
    // so a resumed import neither loses nor repeats one. A dry run never reaches this point (no client).
    await queueWelcomeMailsWith(ctx.client, ids);
    const settings = created.flatMap((p, i) => (p.value.visibility ? [{ user_id: ids[i], ...visibilityColumns(p.value) }] : []));
    if (settings.length > 0) {
      await ctx.client.query(
        `INSERT INTO member_settings (user_id, listed, show_employer, show_job, show_territory, show_email)
         SELECT * FROM json_to_recordset($1::json) AS x(user_id bigint, listed boolean, show_employer boolean, show_job boolean,
                                                        show_territory boolean, show_email boolean)`,
        [JSON.stringify(settings)]);
    }
  }
  out.inserted = created.length;
  out.kept += linked.length;
  const linkedIds = linked.map((p) => byEmail.get(p.value.email.normalize('NFKC').trim().toLowerCase())!);
  const all = [...created.map((p, i) => ({ p, id: ids[i]! })), ...linked.map((p, i) => ({ p, id: linkedIds[i]! }))];
  await saveNewMappings(ctx, 'member', all.map(({ p, id }) => ({ sourceId: p.value.id, localId: id, hash: p.hash, oldUrl: p.value.oldUrl })));
  await saveOldAddresses(ctx, all.map(({ p, id }) => ({ oldUrl: p.value.oldUrl, newPath: `/membres/${id}` })));
  if (changed.length > 0) {
    // The e-mail address is the sign-in identity: a re-import never changes it. An account that existed here before
    // the import (imported_at null) is never changed by it.
    const { rows: done } = await ctx.client.query<{ id: number }>(
      `UPDATE users u SET first_name = x.first_name, last_name = x.last_name, employer = x.employer, job = x.job,
                          departement = x.departement, bio = x.bio, updated_at = now()
         FROM json_to_recordset($1::json) AS x(id bigint, first_name text, last_name text, employer text, job text, departement text, bio text),
              exchange_mappings m
        WHERE u.id = x.id AND m.source = $2 AND m.kind = 'member' AND m.local_id = x.id AND u.updated_at <= m.updated_at
          AND u.imported_at IS NOT NULL AND u.deleted_at IS NULL
        RETURNING u.id`,
      [JSON.stringify(changed.map((p) => ({ ...memberColumns(p.value), id: p.localId }))), ctx.source]);
    await finishUpdates(ctx, 'member', changed, done, out);
  }
  return out;
}

function memberColumns(m: MemberLine) {
  return {
    email: m.email.normalize('NFKC').trim(), first_name: m.firstName, last_name: m.lastName, employer: m.employer ?? '', job: m.job ?? '',
    departement: m.territory ?? '', bio: m.bio ?? '', created_at: m.createdAt,
  };
}

function visibilityColumns(m: MemberLine) {
  const v = m.visibility!;
  return { listed: v.listed, show_employer: v.showEmployer, show_job: v.showJob, show_territory: v.showTerritory, show_email: v.showEmail };
}

/** Mappings of the entities an update reached; the others were edited here since and stay as they are. */
export async function finishUpdates<T extends { id?: string; oldUrl?: string }>(
  ctx: Ctx, kind: Parameters<typeof saveMappings>[1], changed: (Pending<T> & { localId: number })[], done: { id: number }[], out: Outcome,
): Promise<void> {
  const reached = new Set(done.map((r) => Number(r.id)));
  const updated = changed.filter((p) => reached.has(p.localId));
  await saveMappings(ctx, kind, updated.map((p) => ({ sourceId: p.value.id!, localId: p.localId, hash: p.hash, oldUrl: p.value.oldUrl })));
  out.updated += updated.length;
  out.kept += changed.length - updated.length;
}

/** All communities in one transaction: their relations may point to communities further down the file. */
export async function writeCommunities(ctx: Ctx, batch: Pending<CommunityLine>[]): Promise<Outcome> {
  const out = emptyOutcome();
  const { fresh, changed, unchanged } = await split(ctx, 'community', batch, (c) => c.id);
  out.unchanged = unchanged;
  const ids = await allocate(ctx, 'communities', fresh.length);
  if (fresh.length > 0) {
    await ctx.client.query(
      `INSERT INTO communities (id, slug, name, description, perimeter, target_audience, editorial_line, status, launch_date, created_at, updated_at)
       OVERRIDING SYSTEM VALUE
       SELECT id, slug, name, description, perimeter, target_audience, editorial_line, status, launch_date, created_at, now()
         FROM json_to_recordset($1::json) AS x(id bigint, slug text, name text, description text, perimeter text, target_audience text,
                                                editorial_line text, status community_status, launch_date date, created_at timestamptz)`,
      [JSON.stringify(fresh.map((p, i) => ({ ...communityColumns(p.value), id: ids[i] })))]);
  }
  out.inserted = fresh.length;
  await saveNewMappings(ctx, 'community', fresh.map((p, i) => ({ sourceId: p.value.id, localId: ids[i]!, hash: p.hash, oldUrl: p.value.oldUrl })));
  await saveOldAddresses(ctx, fresh.map((p) => ({ oldUrl: p.value.oldUrl, newPath: `/communautes/${p.value.slug}` })));
  if (changed.length > 0) {
    // The slug is the community's address here: kept as it was first imported.
    const { rows: done } = await ctx.client.query<{ id: number }>(
      `UPDATE communities c SET name = x.name, description = x.description, perimeter = x.perimeter, target_audience = x.target_audience,
                                editorial_line = x.editorial_line, status = x.status, launch_date = x.launch_date, updated_at = now()
         FROM json_to_recordset($1::json) AS x(id bigint, name text, description text, perimeter text, target_audience text,
                                                editorial_line text, status community_status, launch_date date),
              exchange_mappings m
        WHERE c.id = x.id AND m.source = $2 AND m.kind = 'community' AND m.local_id = x.id AND c.updated_at <= m.updated_at
        RETURNING c.id`,
      [JSON.stringify(changed.map((p) => ({ ...communityColumns(p.value), id: p.localId }))), ctx.source]);
    await finishUpdates(ctx, 'community', changed, done, out);
  }
  // Relations are added (both directions), never removed: a link made here stays.
  const local = await resolve(ctx, 'community', batch.flatMap((p) => [p.value.id, ...(p.value.related ?? [])]));
  const pairs = batch.flatMap((p) => (p.value.related ?? []).flatMap((r) => {
    const a = local.get(p.value.id);
    const b = local.get(r);
    return a && b ? [{ a, b }, { a: b, b: a }] : [];
  }));
  if (pairs.length > 0) {
    await ctx.client.query(
      `INSERT INTO community_relations (community_id, related_id)
       SELECT DISTINCT a, b FROM json_to_recordset($1::json) AS x(a bigint, b bigint) ON CONFLICT DO NOTHING`, [JSON.stringify(pairs)]);
  }
  return out;
}

function communityColumns(c: CommunityLine) {
  return {
    slug: c.slug, name: c.name, description: c.description ?? '', perimeter: c.perimeter ?? '', target_audience: c.targetAudience ?? '',
    editorial_line: c.editorialLine ?? '', status: c.status, launch_date: c.launchDate ?? null, created_at: c.createdAt,
  };
}

/** Memberships are added once: a role changed here (or at the source) afterwards is not carried over. */
export async function writeMemberships(ctx: Ctx, batch: Pending<MembershipLine>[]): Promise<Outcome> {
  const out = emptyOutcome();
  const idOf = (m: MembershipLine) => `${m.community}:${m.member}`;
  const { fresh, changed, unchanged } = await split(ctx, 'membership', batch, idOf);
  out.unchanged = unchanged;
  out.kept = changed.length;
  const communities = await resolve(ctx, 'community', fresh.map((p) => p.value.community));
  const members = await resolve(ctx, 'member', fresh.map((p) => p.value.member));
  const rows = fresh.map((p) => ({ community_id: communities.get(p.value.community)!, user_id: members.get(p.value.member)!, role: p.value.role, joined_at: p.value.joinedAt }));
  if (rows.length > 0) {
    await ctx.client.query(
      `INSERT INTO memberships (community_id, user_id, role, joined_at)
       SELECT community_id, user_id, role, joined_at FROM json_to_recordset($1::json)
         AS x(community_id bigint, user_id bigint, role community_role, joined_at timestamptz)
       ON CONFLICT (community_id, user_id) DO NOTHING`, [JSON.stringify(rows)]);
  }
  out.inserted = fresh.length;
  // A membership has no id of its own: the mapping points at the member.
  await saveNewMappings(ctx, 'membership', fresh.map((p, i) => ({ sourceId: idOf(p.value), localId: rows[i]!.user_id, hash: p.hash })));
  return out;
}
