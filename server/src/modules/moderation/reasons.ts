import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError, ensure, isUniqueViolation } from '../../lib/errors.js';
import { hit, LIMITS_BY_ACTION, subjectOf } from '../../lib/rate-limit.js';
import { errorResponses } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { canEditReasons } from './policy.js';
import { CreateReasonBody, EditReasonBody, FlagReason, ReasonParam, ReasonsQuery, type FlagReasonOut } from './schema.js';
import { Type } from 'typebox';

const tags = ['modération'];
const COLUMNS = sql`code, label, description, article, active, position`;

type ReasonRow = FlagReasonOut & { id: number };

/** The reason as the API shows it: the numeric id only serves the audit log. */
function publicFields(row: ReasonRow): FlagReasonOut {
  return { code: row.code, label: row.label, description: row.description, article: row.article, active: row.active, position: row.position };
}

/**
 * Changes to the list are decisions of the national administrator like the others: one row of the
 * append-only audit log each, network-wide (no community), written in the change's transaction.
 */
async function auditReasonChange(tx: DbOrTx, actorId: number, action: 'reason_create' | 'reason_update', before: ReasonRow | null, after: ReasonRow) {
  await tx.execute(sql`
    INSERT INTO moderation_audit (community_id, actor_id, action, target_type, target_id, before, after)
    VALUES (NULL, ${actorId}, ${action}, 'flag_reason', ${after.id},
            ${before === null ? null : JSON.stringify(publicFields(before))}::jsonb, ${JSON.stringify(publicFields(after))}::jsonb)`);
}

export async function listReasons(db: DbOrTx, all: boolean): Promise<FlagReasonOut[]> {
  const { rows } = await db.execute<FlagReasonOut>(sql`
    SELECT ${COLUMNS} FROM flag_reasons ${all ? sql`` : sql`WHERE active`} ORDER BY position, code`);
  return rows;
}

export async function findReason(db: DbOrTx, code: string): Promise<FlagReasonOut | undefined> {
  const { rows } = await db.execute<FlagReasonOut>(sql`SELECT ${COLUMNS} FROM flag_reasons WHERE code = ${code}`);
  return rows[0];
}

/** The reasons members choose from when flagging; the national administrator edits them. */
export default async function reasonRoutes(app: App) {
  app.get('/moderation/reasons', {
    schema: {
      tags, summary: 'Motifs de signalement (actifs ; tous avec all=true pour l’administration nationale)',
      querystring: ReasonsQuery, response: { 200: Type.Object({ items: Type.Array(FlagReason) }), ...errorResponses },
    },
  }, async (request) => {
    const all = request.query.all === true;
    if (all) ensure(canEditReasons(requireUser(request)), 'FORBIDDEN');
    return { items: await listReasons(app.db, all) };
  });

  app.post('/moderation/reasons', {
    schema: { tags, summary: 'Ajouter un motif de signalement', body: CreateReasonBody, response: { 201: FlagReason, ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    ensure(canEditReasons(user), 'FORBIDDEN');
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    const b = request.body;
    try {
      const created = await app.db.transaction(async (tx) => {
        const { rows } = await tx.execute<ReasonRow>(sql`
          INSERT INTO flag_reasons (code, label, description, article, active, position)
          VALUES (${b.code}, ${b.label.trim()}, ${b.description ?? ''}, ${b.article ?? ''}, ${b.active ?? true}, ${b.position ?? 100})
          RETURNING id, ${COLUMNS}`);
        await auditReasonChange(tx, user.id, 'reason_create', null, rows[0]!);
        return rows[0]!;
      });
      return reply.status(201).send(publicFields(created));
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('FLAG_REASON_TAKEN');
      throw err;
    }
  });

  app.patch('/moderation/reasons/:code', {
    schema: {
      tags, summary: 'Modifier un motif de signalement (le code ne change pas ; désactiver plutôt que supprimer)',
      params: ReasonParam, body: EditReasonBody, response: { 200: FlagReason, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    ensure(canEditReasons(user), 'FORBIDDEN');
    await hit(app, LIMITS_BY_ACTION.write, subjectOf(request));
    const b = request.body;
    const updated = await app.db.transaction(async (tx) => {
      const current = await tx.execute<ReasonRow>(sql`SELECT id, ${COLUMNS} FROM flag_reasons WHERE code = ${request.params.code} FOR UPDATE`);
      const before = current.rows[0];
      if (!before) throw new AppError('FLAG_REASON_NOT_FOUND');
      const { rows } = await tx.execute<ReasonRow>(sql`
        UPDATE flag_reasons SET
          label = coalesce(${b.label?.trim() ?? null}, label),
          description = coalesce(${b.description ?? null}, description),
          article = coalesce(${b.article ?? null}, article),
          active = coalesce(${b.active ?? null}::boolean, active),
          position = coalesce(${b.position ?? null}::int, position),
          updated_at = now()
         WHERE code = ${request.params.code}
         RETURNING id, ${COLUMNS}`);
      const after = rows[0]!;
      // Saving without a change is not an edit: nothing to log.
      if (JSON.stringify(after) !== JSON.stringify(before)) await auditReasonChange(tx, user.id, 'reason_update', before, after);
      return after;
    });
    return publicFields(updated);
  });
}
