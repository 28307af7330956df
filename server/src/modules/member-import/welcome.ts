import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { LIMITS } from '../../../../common/limits.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { AnyJobDefinition } from '../../jobs/runner.js';
import type { App } from '../../types.js';
import type { Mailer } from '../mail/service.js';
import { welcomeMail } from '../mail/templates.js';

/**
 * The welcome campaign of imported members: rows of import_welcomes, sent by the worker in throttled batches.
 * Each batch claims its rows and writes their links in one short transaction, sends, then records what the SMTP
 * server answered; the next batch is scheduled by the one before (and a schedule restarts the chain after a stop).
 */

export const WELCOME_JOB = 'import-welcome-batch';

/** A claimed row not finished after this long belongs to a worker that died mid-batch: it is taken again. */
const CLAIM_MINUTES = 15;
/** Batches run a minute apart: the hourly rate is spread over the hour rather than sent in one burst. */
const BATCH_GAP_MS = 60_000;

/** Only accounts still awaiting activation, each once (a second call for the same members changes nothing). */
const queueSql = (userIds: number[]) => sql`
  INSERT INTO import_welcomes (user_id)
  SELECT u.id FROM users u
   WHERE u.id = ANY(${sql.param([...new Set(userIds)])}::bigint[])
     AND u.imported_at IS NOT NULL AND u.email_verified_at IS NULL AND u.deleted_at IS NULL
  ON CONFLICT (user_id) DO NOTHING`;

/**
 * Queues the welcome mail of these members, in the caller's transaction: the exchange importer (never on a dry run)
 * and the CSV import. Returns how many were queued. The worker picks them up within five minutes (the schedule).
 */
export async function queueWelcomeMails(tx: DbOrTx, userIds: number[]): Promise<number> {
  if (userIds.length === 0) return 0;
  return (await tx.execute(queueSql(userIds))).rowCount ?? 0;
}

/** The same for a loader holding a plain `pg` client in its transaction (a COPY-based bulk import). */
export async function queueWelcomeMailsWith(
  client: { query: (text: string, values: unknown[]) => Promise<{ rowCount: number | null }> }, userIds: number[],
): Promise<number> {
  if (userIds.length === 0) return 0;
  const query = new PgDialect().sqlToQuery(queueSql(userIds));
  return (await client.query(query.sql, query.params)).rowCount ?? 0;
}

/** Starts a batch now rather than at the next schedule (after a CSV import, on resume). */
export async function startWelcomeCampaign(app: App): Promise<void> {
  await app.jobs?.send(WELCOME_JOB, {}).catch((err: unknown) => app.log.warn({ err }, 'welcome campaign: batch not scheduled'));
}

/** New activation links for these members (a new link replaces the unused ones), in two statements. */
async function issueActivationTokens(tx: DbOrTx, userIds: number[]): Promise<Map<number, string>> {
  const tokens = new Map(userIds.map((id) => [id, newToken()]));
  await tx.execute(sql`
    DELETE FROM email_tokens WHERE user_id = ANY(${sql.param(userIds)}::bigint[]) AND kind = 'activate_account' AND used_at IS NULL`);
  await tx.execute(sql`
    INSERT INTO email_tokens (token_hash, user_id, kind, expires_at)
    SELECT h, u, 'activate_account', now() + make_interval(days => ${LIMITS.activationLinkDays})
      FROM unnest(${sql.param([...tokens.values()].map(hashToken))}::text[], ${sql.param(userIds)}::bigint[]) AS t(h, u)`);
  return tokens;
}

interface Recipient extends Record<string, unknown> { user_id: number; email: string; first_name: string }

/** Sends, then records each outcome: `bounced` when the SMTP server refused the message. */
async function sendAndRecord(db: Db, mailer: Mailer, publicUrl: string, recipients: Recipient[], tokens: Map<number, string>) {
  const sent: number[] = [];
  const bounced: number[] = [];
  for (const r of recipients) {
    const id = Number(r.user_id);
    const status = await mailer.send(welcomeMail(publicUrl, r.email, r.first_name, tokens.get(id)!, LIMITS.activationLinkDays));
    (status === 'failed' ? bounced : sent).push(id);
  }
  // A member who activated meanwhile (ProConnect, a forgotten-password link) stays activated.
  await db.execute(sql`
    UPDATE import_welcomes SET status = 'sent', sent_at = now(), error = NULL
     WHERE user_id = ANY(${sql.param(sent)}::bigint[]) AND status <> 'activated'`);
  await db.execute(sql`
    UPDATE import_welcomes SET status = 'bounced', bounced_at = now(), error = 'Adresse refusée par le serveur de messagerie.'
     WHERE user_id = ANY(${sql.param(bounced)}::bigint[]) AND status <> 'activated'`);
  return { sent: sent.length, bounced: bounced.length };
}

/** How many mails a batch may send: a sixtieth of the hourly rate, within what the last hour has left. */
export function batchAllowance(perHour: number, sentLastHour: number): number {
  return Math.max(0, Math.min(Math.ceil(perHour / 60), perHour - sentLastHour));
}

export interface BatchDeps { db: Db; mailer: Mailer; publicUrl: string; perHour: number }

/**
 * One batch: at most a sixtieth of the hourly rate, and never more than the rate over the last hour (however
 * often batches run). Returns what was sent and whether queued mails remain for a next batch.
 */
export async function sendWelcomeBatch(deps: BatchDeps): Promise<{ sent: number; bounced: number; more: boolean }> {
  const claimed = await deps.db.transaction(async (tx) => {
    // One batch at a time across workers: the hourly count below must see the other batch's claims.
    const { rows: [lock] } = await tx.execute<{ ok: boolean }>(sql`SELECT pg_try_advisory_xact_lock(hashtext('import-welcome')) AS ok`);
    if (!lock!.ok) return null;
    const { rows: [state] } = await tx.execute<{ paused: boolean; recent: number }>(sql`
      SELECT coalesce((SELECT paused FROM import_campaign WHERE id = 1), false) AS paused,
             (SELECT count(*)::int FROM import_welcomes WHERE claimed_at > now() - interval '1 hour') AS recent`);
    if (state!.paused) return { recipients: [], tokens: new Map<number, string>(), more: false };
    const n = batchAllowance(deps.perHour, state!.recent);
    // The hour's budget is spent: the next batch will find room.
    if (n <= 0) return { recipients: [], tokens: new Map<number, string>(), more: true };
    const { rows } = await tx.execute<Recipient>(sql`
      WITH next AS (
        SELECT w.user_id FROM import_welcomes w JOIN users u ON u.id = w.user_id
         WHERE w.status = 'queued' AND (w.claimed_at IS NULL OR w.claimed_at < now() - make_interval(mins => ${CLAIM_MINUTES}))
           -- A deleted account is never written to; one verified meanwhile needs no welcome.
           AND u.deleted_at IS NULL AND u.email_verified_at IS NULL
         ORDER BY w.user_id LIMIT ${n} FOR UPDATE OF w SKIP LOCKED)
      UPDATE import_welcomes w SET claimed_at = now()
        FROM next, users u WHERE w.user_id = next.user_id AND u.id = w.user_id
      RETURNING w.user_id, u.email::text AS email, u.first_name`);
    const tokens = rows.length > 0 ? await issueActivationTokens(tx, rows.map((r) => Number(r.user_id))) : new Map<number, string>();
    // A full batch suggests more; a short one emptied the queue (mails queued later wait for the schedule).
    return { recipients: rows, tokens, more: rows.length === n };
  });
  if (claimed === null) return { sent: 0, bounced: 0, more: true };
  const outcome = await sendAndRecord(deps.db, deps.mailer, deps.publicUrl, claimed.recipients, claimed.tokens);
  return { ...outcome, more: claimed.more };
}

export const welcomeJobs: AnyJobDefinition[] = [
  {
    // Each batch schedules the next while mails are queued; the schedule restarts the chain after a stop, a pause
    // lifted elsewhere or mails queued by the command-line importer (which has no job runner).
    name: WELCOME_JOB,
    cron: '*/5 * * * *',
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 60,
    handler: async (_data, ctx) => {
      if (!ctx.mailer || !ctx.config) return;
      const r = await sendWelcomeBatch({ db: ctx.db, mailer: ctx.mailer, publicUrl: ctx.config.publicUrl, perHour: ctx.config.importWelcomePerHour });
      if (r.sent + r.bounced > 0) ctx.log(`import : ${r.sent} courriel(s) de bienvenue envoyé(s), ${r.bounced} refusé(s).`);
      if (r.more) await ctx.jobs?.send(WELCOME_JOB, {}, { startAfter: new Date(Date.now() + BATCH_GAP_MS) });
    },
  },
];

export type WelcomeStatus = 'queued' | 'sent' | 'activated' | 'bounced';

export async function campaignState(db: DbOrTx, perHour: number) {
  const { rows } = await db.execute<{ status: WelcomeStatus; n: number }>(sql`
    SELECT status, count(*)::int AS n FROM import_welcomes GROUP BY status`);
  const counts: Record<WelcomeStatus, number> = { queued: 0, sent: 0, activated: 0, bounced: 0 };
  for (const r of rows) counts[r.status] = r.n;
  const { rows: [state] } = await db.execute<{ paused: boolean; recent: number }>(sql`
    SELECT coalesce((SELECT paused FROM import_campaign WHERE id = 1), false) AS paused,
           (SELECT count(*)::int FROM import_welcomes WHERE claimed_at > now() - interval '1 hour') AS recent`);
  return { counts, paused: state!.paused, perHour, sentLastHour: state!.recent };
}

export async function setPaused(db: DbOrTx, paused: boolean): Promise<void> {
  await db.execute(sql`
    INSERT INTO import_campaign (id, paused) VALUES (1, ${paused})
    ON CONFLICT (id) DO UPDATE SET paused = EXCLUDED.paused, updated_at = now()`);
}

export interface WelcomeRow extends Record<string, unknown> {
  user_id: number; email: string; first_name: string; last_name: string; status: WelcomeStatus;
  queued_at: string; sent_at: string | null; activated_at: string | null; bounced_at: string | null; error: string | null;
}

/** Members of the campaign by id, of one status or all, or the one with this address; served by import_welcomes' indexes. */
export async function listWelcomes(db: DbOrTx, f: { status?: WelcomeStatus; email?: string; after?: number; limit: number }): Promise<WelcomeRow[]> {
  const { rows } = await db.execute<WelcomeRow>(sql`
    SELECT w.user_id, u.email::text AS email, u.first_name, u.last_name, w.status, w.queued_at, w.sent_at, w.activated_at, w.bounced_at, w.error
      FROM import_welcomes w JOIN users u ON u.id = w.user_id
     WHERE ${f.status ? sql`w.status = ${f.status}` : sql`true`}
       AND ${f.email ? sql`u.email = ${f.email}` : sql`true`}
       AND w.user_id > ${f.after ?? 0}
     ORDER BY w.user_id LIMIT ${f.limit}`);
  return rows;
}

/** Sends the welcome mail of one member again, now (a bounced address corrected, a lost mail). */
export async function resendWelcome(app: App, userId: number): Promise<'sent' | 'bounced'> {
  const claimed = await app.db.transaction(async (tx) => {
    const { rows } = await tx.execute<Recipient & { status: WelcomeStatus }>(sql`
      SELECT w.user_id, u.email::text AS email, u.first_name, w.status
        FROM import_welcomes w JOIN users u ON u.id = w.user_id WHERE w.user_id = ${userId} FOR UPDATE OF w`);
    const row = rows[0];
    if (!row) throw new AppError('USER_NOT_FOUND');
    if (row.status === 'activated') throw new AppError('ACCOUNT_ALREADY_ACTIVATED');
    await tx.execute(sql`UPDATE import_welcomes SET claimed_at = now() WHERE user_id = ${userId}`);
    return { row, tokens: await issueActivationTokens(tx, [userId]) };
  });
  const r = await sendAndRecord(app.db, app.mailer, app.config.publicUrl, [claimed.row], claimed.tokens);
  return r.bounced > 0 ? 'bounced' : 'sent';
}
