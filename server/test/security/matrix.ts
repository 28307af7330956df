import { addMember } from '../community-factories.js';
import { createUser, sessionFor } from '../factories.js';
import { fillPath, operationsOf, type Operation } from './operations.js';
import { pathParamKind, validQuery, withPoolIds } from './params.js';
import { BODIES, PARAM_KINDS, PREPARE, QUERIES } from './matrix-bodies.js';
import { multipart, tinyPng } from '../../src/modules/attachments/attachments.fixtures.js';
import { Rng, validValue } from './values.js';
import { headersOf, ROLES, type Role, type World } from './world.js';

/**
 * The authorization matrix: every OpenAPI operation called once per role class with a request that is
 * valid in every other respect, on resources of community A written by someone else. What each role
 * got is reduced to allowed (2xx/3xx), refused (401/403/404) or other (a 4xx about the input).
 */

export type Outcome = 'allowed' | 'refused' | 'other';
export interface Cell { status: number; outcome: Outcome; body: string }
export type MatrixRow = { op: string } & Record<Role, Cell>;

export function outcomeOf(status: number): Outcome {
  if (status < 400) return 'allowed';
  if (status === 401 || status === 403 || status === 404) return 'refused';
  return 'other';
}

/** Operations that end or replace the caller's session or account: run as a throwaway person of the same role class. */
const SELF_ENDING = new Set(['POST /api/auth/logout', 'POST /api/auth/login', 'POST /api/auth/register', 'DELETE /api/me', 'POST /api/me/password']);
/** Path kinds shared by every call (the community itself, legal pages): never made fresh. */
const SHARED_KINDS = new Set(['community', 'communityId', 'page']);

/** A person with the memberships of a role class, made for one call. */
async function standIn(world: World, role: Exclude<Role, 'anonymous'>): Promise<Record<string, string>> {
  const { app } = world;
  const { user } = await createUser(app, { nationalRole: role === 'national' ? 'admin' : null });
  if (role === 'member' || role === 'animator' || role === 'coordinator') await addMember(app, world.a.id, user.id, role);
  if (role === 'otherAnimator') await addMember(app, world.b.id, user.id, 'animator');
  return { ...(await sessionFor(app, user.id)) };
}

/** Puts the cast back as it was: a call may have demoted, banned or removed someone. */
async function repair(world: World): Promise<void> {
  const { app, a, b, actors } = world;
  await addMember(app, a.id, actors.member.id, 'member');
  await addMember(app, a.id, actors.animator.id, 'animator');
  await addMember(app, a.id, actors.coordinator.id, 'coordinator');
  await addMember(app, a.id, world.colleague.id, 'animator');
  await addMember(app, a.id, world.author.id, 'member');
  await addMember(app, a.id, world.peer.id, 'member');
  await addMember(app, b.id, actors.otherAnimator.id, 'animator');
  const ids = [...Object.values(actors).map((p) => p.id), world.colleague.id, world.author.id, world.peer.id];
  await app.pool.query(`UPDATE users SET banned_at = NULL WHERE id = ANY($1)`, [ids]);
  await app.pool.query(`DELETE FROM community_suspensions WHERE user_id = ANY($1)`, [ids]);
  await app.pool.query(`UPDATE communities SET status = 'open' WHERE id = $1`, [a.id]);
  // Joining A (an invitation, the join button) would give these two a role there: they must keep none.
  await app.pool.query(`DELETE FROM memberships WHERE community_id = $1 AND user_id = ANY($2)`, [a.id, [actors.otherAnimator.id, actors.national.id]]);
}

async function pathFor(op: Operation, world: World, rng: Rng): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const fresh = op.method !== 'GET';
  for (const p of op.pathParams) if (p.name === 'type') out.type = 'post';
  for (const p of op.pathParams) {
    if (p.name === 'type') continue;
    const kind = PARAM_KINDS[op.key]?.[p.name] ?? pathParamKind(op.path, p.name, out.type);
    if (kind === 'user') out[p.name] = String(fresh ? await world.make('member') : world.pool.user![0]);
    else if (kind && fresh && !SHARED_KINDS.has(kind)) out[p.name] = String(await world.make(kind));
    else if (kind) out[p.name] = String(world.pool[kind]![0]);
    else if (p.name === 'week') out.week = nextMonday();
    else if (p.name === 'filename') out.filename = 'plan.png';
    else if (p.name === 'version' || p.name === 'number') out[p.name] = '1';
    else out[p.name] = String(validValue(p.schema, rng, p.name));
  }
  return out;
}

function nextMonday(): string {
  const d = new Date(Date.now() + 7 * 86_400_000);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Calls one operation as one role and reduces the answer. */
export async function callAs(op: Operation, role: Role, world: World, seed: number): Promise<Cell> {
  const rng = new Rng(seed);
  const params = await pathFor(op, world, rng);
  const query = { ...validQuery(op, world, rng, true), ...(QUERIES[op.key]?.(world) ?? {}) };
  await PREPARE[op.key]?.(world, params);
  const special = BODIES[op.key];
  const body = special ? await special(world, params) : op.body ? withPoolIds(validValue(op.body, rng, '', 0, true), op.body, world, rng) : undefined;
  const headers: Record<string, string> = role !== 'anonymous' && SELF_ENDING.has(op.key) ? await standIn(world, role) : headersOf(world, role);
  let payload = body === undefined ? undefined : JSON.stringify(body);
  if (op.multipart) {
    const form = multipart([{ name: 'alt', value: 'Plan' }, { name: 'file', file: { filename: 'plan.png', contentType: 'image/png', data: tinyPng() } }]);
    headers['content-type'] = form.contentType;
    payload = form.payload as unknown as string;
  } else if (payload !== undefined) headers['content-type'] = 'application/json';
  const qs = new URLSearchParams(query).toString();
  const stream = op.key === 'GET /api/notifications/stream';
  const res = await world.app.inject({
    method: op.method as 'GET', url: fillPath(op.path, params) + (qs ? `?${qs}` : ''), headers, payloadAsStream: stream, payload,
  });
  const text = stream ? '' : res.body.slice(0, 300);
  if (stream) res.stream().destroy();
  if (op.method !== 'GET') await repair(world);
  return { status: res.statusCode, outcome: outcomeOf(res.statusCode), body: text };
}

/** The whole matrix, one operation after the other (each row's writes act on fresh resources). */
export async function runMatrix(world: World): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = [];
  const ops = operationsOf(world.app).sort((x, y) => x.path.localeCompare(y.path) || x.method.localeCompare(y.method));
  for (const [i, op] of ops.entries()) {
    const row = { op: op.key } as MatrixRow;
    // Reads change nothing the other roles depend on: the six run at once. Writes go one by one, each
    // followed by the repair of the cast.
    if (op.method === 'GET') {
      const cells = await Promise.all(ROLES.map((role) => callAs(op, role, world, 1000 + i)));
      ROLES.forEach((role, k) => { row[role] = cells[k]!; });
    } else {
      for (const role of ROLES) row[role] = await callAs(op, role, world, 1000 + i);
    }
    rows.push(row);
  }
  return rows;
}
