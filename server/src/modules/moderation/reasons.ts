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
      const { rows } = await app.db.execute<FlagReasonOut>(sql`
        INSERT INTO flag_reasons (code, label, description, article, active, position)
        VALUES (${b.code}, ${b.label.trim()}, ${b.description ?? ''}, ${b.article ?? ''}, ${b.active ?? true}, ${b.position ?? 100})
        RETURNING ${COLUMNS}`);
      return reply.status(201).send(rows[0]!);
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
    const { rows } = await app.db.execute<FlagReasonOut>(sql`
      UPDATE flag_reasons SET
        label = coalesce(${b.label?.trim() ?? null}, label),
        description = coalesce(${b.description ?? null}, description),
        article = coalesce(${b.article ?? null}, article),
        active = coalesce(${b.active ?? null}::boolean, active),
        position = coalesce(${b.position ?? null}::int, position),
        updated_at = now()
       WHERE code = ${request.params.code}
       RETURNING ${COLUMNS}`);
    if (!rows[0]) throw new AppError('FLAG_REASON_NOT_FOUND');
    return rows[0];
  });
}
