import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { maybeOne, rows } from '../../db/query.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import type { CurrentUser } from '../../types.js';
import { countContributions, FAMILY_OF } from '../steering/families.js';
import { amountCents } from './money.js';
import type { CommunityRole } from '../communities/policy.js';
import { parisMonthNow } from '../../../../common/time/index.js';

export const DEFAULT_SCALE = '4T1';
export const DEFAULT_MONTHLY_HOURS = 13;

export function listScales(db: DbOrTx) {
  return rows<{ code: string; label: string; hourlyRateCents: number }>(db, sql`
    SELECT code, label, hourly_rate_cents AS "hourlyRateCents" FROM pay_scales ORDER BY code`);
}

/** Creates or edits a scale. Existing assignments keep the rate copied when they were made. */
export async function saveScale(db: Db, code: string, label: string, hourlyRateCents: number): Promise<void> {
  await db.execute(sql`
    INSERT INTO pay_scales (code, label, hourly_rate_cents) VALUES (${code}, ${label}, ${hourlyRateCents})
    ON CONFLICT (code) DO UPDATE SET label = EXCLUDED.label, hourly_rate_cents = EXCLUDED.hourly_rate_cents, updated_at = now()`);
}

export interface AssignmentInput {
  userId: number;
  communityId: number;
  startsOn: string;
  endsOn?: string | null;
  monthlyHours?: number;
  scaleCode?: string;
  /** Absent: the scale's rate. */
  hourlyRateCents?: number;
}

/** An assignment is for someone who animates the community; the rate defaults to the scale's. */
export async function createAssignment(db: Db, input: AssignmentInput, actorId: number): Promise<number> {
  if (input.endsOn && input.endsOn < input.startsOn) {
    throw new AppError('VALIDATION_FAILED', undefined, { endsOn: 'La fin de la mission doit suivre son début.' });
  }
  return db.transaction(async (tx) => {
    const scaleCode = input.scaleCode ?? DEFAULT_SCALE;
    const { rows: scales } = await tx.execute<{ rate: number }>(sql`SELECT hourly_rate_cents AS rate FROM pay_scales WHERE code = ${scaleCode}`);
    if (!scales[0]) throw new AppError('PAY_SCALE_NOT_FOUND');
    const { rows: member } = await tx.execute<{ role: string }>(sql`
      SELECT role::text AS role FROM memberships WHERE community_id = ${input.communityId} AND user_id = ${input.userId}`);
    if (member[0]?.role !== 'animator') {
      throw new AppError('VALIDATION_FAILED', undefined, { userId: 'Nommez d’abord cette personne animatrice de l’e-communauté.' });
    }
    const { rows } = await tx.execute<{ id: number }>(sql`
      INSERT INTO animator_assignments (user_id, community_id, starts_on, ends_on, monthly_hours, scale_code, hourly_rate_cents, created_by)
      VALUES (${input.userId}, ${input.communityId}, ${input.startsOn}, ${input.endsOn ?? null}, ${input.monthlyHours ?? DEFAULT_MONTHLY_HOURS},
              ${scaleCode}, ${input.hourlyRateCents ?? scales[0].rate}, ${actorId})
      RETURNING id::int AS id`);
    return rows[0]!.id;
  });
}

const ASSIGNMENT_SELECT = sql`
  SELECT a.id::int AS id, a.user_id::int AS "userId", u.first_name || ' ' || u.last_name AS "userName",
         a.community_id::int AS "communityId", c.name AS "communityName", c.slug AS "communitySlug",
         a.starts_on::text AS "startsOn", a.ends_on::text AS "endsOn", a.monthly_hours AS "monthlyHours",
         a.scale_code AS "scaleCode", a.hourly_rate_cents AS "hourlyRateCents",
         round(a.monthly_hours * a.hourly_rate_cents)::int AS "monthlyAmountCents"
    FROM animator_assignments a JOIN users u ON u.id = a.user_id JOIN communities c ON c.id = a.community_id`;

export async function loadAssignment(db: DbOrTx, id: number): Promise<AssignmentRow> {
  const row = await maybeOne<AssignmentRow>(db, sql`${ASSIGNMENT_SELECT} WHERE a.id = ${id}`);
  if (!row) throw new AppError('ASSIGNMENT_NOT_FOUND');
  return row;
}

export interface AssignmentRow {
  id: number; userId: number; userName: string; communityId: number; communityName: string; communitySlug: string;
  startsOn: string; endsOn: string | null; monthlyHours: number; scaleCode: string; hourlyRateCents: number; monthlyAmountCents: number;
}

/** Assignments of a community or of a person, newest first, keyset on id (served by the primary key). */
export async function listAssignments(db: DbOrTx, filter: { communityId?: number; userId?: number }, afterId: number | null, limit: number) {
  const communityId = filter.communityId ?? null;
  const userId = filter.userId ?? null;
  const found = await rows<AssignmentRow>(db, sql`${ASSIGNMENT_SELECT}
      WHERE (${communityId}::bigint IS NULL OR a.community_id = ${communityId}) AND (${userId}::bigint IS NULL OR a.user_id = ${userId})
        AND (${afterId}::bigint IS NULL OR a.id < ${afterId})
      ORDER BY a.id DESC LIMIT ${limit + 1}`);
  const items = found.slice(0, limit);
  return { items, nextCursor: found.length > limit ? String(items.at(-1)!.id) : null };
}

/**
 * The animator declares the hours of a month of their assignment (the route checks it is theirs), once: the
 * unique key (assignment, month) turns a second declaration into HOURS_ALREADY_DECLARED.
 */
export async function declareHours(db: Db, a: AssignmentRow, month: string, minutes: number, note: string) {
  if (month > parisMonthNow()) throw new AppError('MONTH_IN_FUTURE');
  if (month < a.startsOn.slice(0, 7) || (a.endsOn && month > a.endsOn.slice(0, 7))) throw new AppError('MONTH_OUTSIDE_ASSIGNMENT');
  return db.transaction(async (tx) => {
    // Above the mission's monthly hours only when the national team raised this month's ceiling.
    const { rows: ceiling } = await tx.execute<{ max_minutes: number }>(sql`
      SELECT max_minutes FROM hours_ceilings WHERE assignment_id = ${a.id} AND month = ${`${month}-01`}::date`);
    const maxMinutes = ceiling[0]?.max_minutes ?? a.monthlyHours * 60;
    if (minutes > maxMinutes) {
      throw new AppError('HOURS_ABOVE_CEILING', `Au plus ${hoursText(maxMinutes)} ce mois-ci pour cette mission : au-delà, l’équipe nationale doit d’abord relever le plafond du mois.`);
    }
    const { rows } = await tx.execute<{ id: number }>(sql`
      INSERT INTO service_statements (assignment_id, community_id, month, minutes, note, amount_cents)
      VALUES (${a.id}, ${a.communityId}, ${`${month}-01`}::date, ${minutes}, ${note}, ${amountCents(minutes, a.hourlyRateCents)})
      RETURNING id::int AS id`).catch((err: unknown) => {
      if (isUniqueViolation(err, 'service_statements_assignment_month_key')) throw new AppError('HOURS_ALREADY_DECLARED');
      throw err;
    });
    return rows[0]!.id;
  });
}

const hoursText = (minutes: number) => `${(minutes / 60).toLocaleString('fr-FR')} h`;

/**
 * The national team raises (or sets back) the hours an animator may declare for one month of an assignment,
 * with the reason; the change is written to the audit log in the same transaction.
 */
export async function setHoursCeiling(db: Db, actor: CurrentUser, assignmentId: number, month: string, minutes: number, reason: string) {
  const a = await loadAssignment(db, assignmentId);
  if (month < a.startsOn.slice(0, 7) || (a.endsOn && month > a.endsOn.slice(0, 7))) throw new AppError('MONTH_OUTSIDE_ASSIGNMENT');
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ max_minutes: number }>(sql`
      SELECT max_minutes FROM hours_ceilings WHERE assignment_id = ${a.id} AND month = ${`${month}-01`}::date FOR UPDATE`);
    await tx.execute(sql`
      INSERT INTO hours_ceilings (assignment_id, month, max_minutes, reason, set_by)
      VALUES (${a.id}, ${`${month}-01`}::date, ${minutes}, ${reason}, ${actor.id})
      ON CONFLICT (assignment_id, month) DO UPDATE SET max_minutes = EXCLUDED.max_minutes, reason = EXCLUDED.reason,
                                                       set_by = EXCLUDED.set_by, set_at = now()`);
    // A network-wide entry (no community): not a moderation action of the community's staff; and no target user,
    // so it never shows in the animator's moderation history. Who it concerns is in `after`.
    await tx.execute(sql`
      INSERT INTO moderation_audit (community_id, actor_id, action, target_type, target_id, message, before, after)
      VALUES (NULL, ${actor.id}, 'hours_ceiling', 'assignment', ${a.id}, ${reason},
              ${JSON.stringify({ month, maxMinutes: rows[0]?.max_minutes ?? a.monthlyHours * 60 })}::jsonb,
              ${JSON.stringify({ month, maxMinutes: minutes, userId: a.userId })}::jsonb)`);
  });
  return { month, hours: minutes / 60, reason };
}

export interface StatementRow extends AssignmentRow {
  statementId: number; month: string; minutes: number; note: string; amountCents: number; declaredAt: string;
  validatedAt: string | null; validatedByName: string | null;
  veille: number | null; animation: number | null; redaction: number | null;
}

const STATEMENT_SELECT = sql`
  SELECT s.id::int AS "statementId", to_char(s.month, 'YYYY-MM') AS month, s.minutes, s.note, s.amount_cents AS "amountCents",
         to_char(s.declared_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "declaredAt",
         to_char(s.validated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "validatedAt",
         v.first_name || ' ' || v.last_name AS "validatedByName", s.veille, s.animation, s.redaction,
         a.id::int AS id, a.user_id::int AS "userId", u.first_name || ' ' || u.last_name AS "userName",
         a.community_id::int AS "communityId", c.name AS "communityName", c.slug AS "communitySlug",
         a.starts_on::text AS "startsOn", a.ends_on::text AS "endsOn", a.monthly_hours AS "monthlyHours",
         a.scale_code AS "scaleCode", a.hourly_rate_cents AS "hourlyRateCents", 0 AS "monthlyAmountCents"
    FROM service_statements s JOIN animator_assignments a ON a.id = s.assignment_id
    JOIN users u ON u.id = a.user_id JOIN communities c ON c.id = a.community_id
    LEFT JOIN users v ON v.id = s.validated_by`;

/** The month's contributions of the animator in the community, by family (families.ts is the one definition). */
async function monthContributions(db: DbOrTx, communityId: number, userId: number, month: string) {
  const counts = await countContributions(db, communityId, month, 1, userId);
  const f = { veille: 0, animation: 0, redaction: 0 };
  for (const r of counts) f[FAMILY_OF[r.source]] += r.count;
  return f;
}

export type FoundStatement = StatementRow & { myRole: CommunityRole | null };

/** A statement with the role of `userId` in its community, for the policy (statementAbilities); 404 when missing. */
export async function findStatement(db: DbOrTx, userId: number, id: number): Promise<FoundStatement> {
  const s = await maybeOne<FoundStatement>(db, sql`
    SELECT st.*, (SELECT m.role::text FROM memberships m WHERE m.community_id = st."communityId" AND m.user_id = ${userId}) AS "myRole"
      FROM (${STATEMENT_SELECT} WHERE s.id = ${id}) st`);
  if (!s) throw new AppError('STATEMENT_NOT_FOUND');
  return s;
}

/** The statement as its reader sees it; `canValidate`: the reader's right to validate it (statementAbilities). */
export async function presentStatement(db: DbOrTx, s: StatementRow, canValidate: boolean) {
  // Frozen at validation; until then, what the data says now.
  const families = s.validatedAt !== null
    ? { veille: s.veille ?? 0, animation: s.animation ?? 0, redaction: s.redaction ?? 0 }
    : await monthContributions(db, s.communityId, s.userId, s.month);
  return present(s, families, { validate: canValidate && s.validatedAt === null });
}

/** `families` null: not validated yet and not computed (lists). */
function present(s: StatementRow, families: { veille: number; animation: number; redaction: number } | null, can: { validate: boolean }) {
  return {
    id: s.statementId,
    month: s.month,
    minutes: s.minutes,
    note: s.note,
    amountCents: s.amountCents,
    declaredAt: s.declaredAt,
    validatedAt: s.validatedAt,
    validatedBy: s.validatedByName,
    assignment: {
      id: s.id, userId: s.userId, userName: s.userName, communityId: s.communityId, communityName: s.communityName,
      communitySlug: s.communitySlug, startsOn: s.startsOn, endsOn: s.endsOn, monthlyHours: s.monthlyHours,
      scaleCode: s.scaleCode, hourlyRateCents: s.hourlyRateCents,
    },
    contributions: families ? { ...families, total: families.veille + families.animation + families.redaction } : null,
    can,
  };
}
export type Statement = ReturnType<typeof present>;

/**
 * The coordinator of the statement's community validates it ("état de service fait", the route checks who may);
 * the month's contributions are frozen with it. Validating twice is refused.
 */
export async function validateStatement(db: Db, validatorId: number, s: StatementRow) {
  const f = await monthContributions(db, s.communityId, s.userId, s.month);
  await db.transaction(async (tx) => {
    const { rows: updated } = await tx.execute(sql`
      UPDATE service_statements SET validated_at = now(), validated_by = ${validatorId},
             veille = ${f.veille}, animation = ${f.animation}, redaction = ${f.redaction}
       WHERE id = ${s.statementId} AND validated_at IS NULL RETURNING id`);
    if (!updated[0]) throw new AppError('STATEMENT_ALREADY_VALIDATED');
  });
}

/** Statements of a community or of one person, latest month first; keyset (month, id) on service_statements_community_month_idx. */
export async function listStatements(db: DbOrTx, filter: { communityId?: number; userId?: number }, cursor: string | undefined, limit: number) {
  let after: { month: string; id: number } | null = null;
  if (cursor) {
    const [month, id] = Buffer.from(cursor, 'base64url').toString().split('|');
    if (!month || !/^\d{4}-\d{2}$/.test(month) || !Number.isSafeInteger(Number(id))) throw new AppError('INVALID_CURSOR');
    after = { month, id: Number(id) };
  }
  const communityId = filter.communityId ?? null;
  const userId = filter.userId ?? null;
  const afterMonth = after ? `${after.month}-01` : null;
  const found = await rows<StatementRow>(db, sql`${STATEMENT_SELECT}
      WHERE (${communityId}::bigint IS NULL OR s.community_id = ${communityId}) AND (${userId}::bigint IS NULL OR a.user_id = ${userId})
        AND (${afterMonth}::date IS NULL OR (s.month, s.id) < (${afterMonth}::date, ${after?.id ?? 0}::bigint))
      ORDER BY s.month DESC, s.id DESC LIMIT ${limit + 1}`);
  const items = found.slice(0, limit).map((s) => present(
    s,
    s.validatedAt !== null ? { veille: s.veille ?? 0, animation: s.animation ?? 0, redaction: s.redaction ?? 0 } : null,
    { validate: false },
  ));
  const last = items.at(-1);
  return { items, nextCursor: found.length > limit && last ? Buffer.from(`${last.month}|${last.id}`).toString('base64url') : null };
}
