import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Tx } from '../db/client.js';
import { AppError } from '../lib/errors.js';
import type { App } from '../types.js';

/**
 * `Idempotency-Key` on the writes whose route declares `config: { idempotent: true }`: a request retried
 * with the same key (its first answer was lost on the way back) gets that first answer again, with
 * `Idempotent-Replayed: true`, instead of writing a second post, comment, message or vote.
 *
 * Why the key is claimed inside the write's own transaction, not before nor after it:
 * - stored only after the write (claim-after), a crash or a lost connection between the commit and the
 *   storing leaves a write with no key: the retry writes again, the duplicate this exists to prevent;
 * - claimed in its own transaction before the write (claim-before), a crash after the claim and before the
 *   write leaves a key that promises a write that never happened, and nothing tells the two cases apart.
 * In the same transaction, the key row exists if and only if the write committed. The first statement of
 * the first transaction the handler opens inserts it (see `enlist`), so a concurrent request with the same
 * key waits on the primary key until the first one commits or rolls back, then is refused
 * (IDEMPOTENCY_IN_PROGRESS, retried by the client) or, after a rollback, does the write itself.
 * The answer is stored right after, before it is sent. A crash in that short window leaves a committed
 * write whose answer is unknown: its retry is told so (IDEMPOTENCY_ANSWER_LOST), never written twice.
 *
 * Keys are per user (two people may pick the same one) and live 24 hours; older rows are ignored here and
 * deleted by the hourly `idempotency-keys-purge` job. A request without the header is handled as before.
 */

export const IDEMPOTENCY_TTL_HOURS = 24;
/** After this long without a stored answer, the write is taken as done and its answer as lost. */
const ANSWER_GRACE_SECONDS = 30;
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;

interface Claim {
  userId: number;
  key: string;
  fingerprint: string;
  requestHash: string;
  /** Set once the transaction that inserted the key row has committed. */
  committed: boolean;
  /**
   * Set when the answer goes out: work the request left running (timers, unawaited promises inherit the
   * async context) must not claim the key after the fact.
   */
  answered: boolean;
}

interface PriorRow {
  fingerprint: string;
  request_hash: string;
  status: number | null;
  content_type: string | null;
  response: string | null;
  answer_overdue: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Honour an `Idempotency-Key` header (plugins/idempotency.ts). The route must write in a transaction. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: Claim | null;
  }
}

/** The claim of the request being handled, seen by `enlist` without being passed through the services. */
const current = new AsyncLocalStorage<Claim>();
const enlisted = new WeakSet<Db>();

/**
 * Makes the first transaction opened during an idempotent request insert its key row first. Other
 * transactions (other requests, jobs) find no claim in the async context and are left as they are.
 */
function enlist(db: Db): void {
  if (enlisted.has(db)) return;
  enlisted.add(db);
  const transaction = db.transaction.bind(db);
  db.transaction = (async (work: (tx: Tx) => Promise<unknown>, config?: Parameters<Db['transaction']>[1]) => {
    const claim = current.getStore();
    if (!claim || claim.committed || claim.answered) return transaction(work, config);
    const result = await transaction(async (tx) => {
      await claimKey(tx, claim);
      return work(tx);
    }, config);
    claim.committed = true;
    return result;
  }) as Db['transaction'];
}

async function claimKey(tx: Tx, claim: Claim): Promise<void> {
  // An expired row (not purged yet) is taken over, a live one left alone. A twin sent at the same time
  // waits here, on the primary key, until the first request's transaction commits or rolls back.
  const { rows } = await tx.execute(sql`
    INSERT INTO idempotency_keys (user_id, key, fingerprint, request_hash)
    VALUES (${claim.userId}, ${claim.key}, ${claim.fingerprint}, ${claim.requestHash})
    ON CONFLICT (user_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, request_hash = EXCLUDED.request_hash,
      status = NULL, content_type = NULL, response = NULL, created_at = now()
      WHERE idempotency_keys.created_at <= now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
    RETURNING 1`);
  if (rows.length > 0) return;
  const { rows: [other] } = await tx.execute<{ fingerprint: string; request_hash: string }>(sql`
    SELECT fingerprint, request_hash FROM idempotency_keys WHERE user_id = ${claim.userId} AND key = ${claim.key}`);
  if (other && (other.fingerprint !== claim.fingerprint || other.request_hash !== claim.requestHash)) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  throw inProgress();
}

function inProgress(): AppError {
  return Object.assign(new AppError('IDEMPOTENCY_IN_PROGRESS'), { retryAfter: 1 });
}

function claimOf(request: FastifyRequest, userId: number, key: string): Claim {
  return {
    userId,
    key,
    fingerprint: `${request.method} ${request.url}`,
    requestHash: createHash('sha256').update(JSON.stringify(request.body ?? null)).digest('hex'),
    committed: false,
    answered: false,
  };
}

async function findPrior(app: App, claim: Claim): Promise<PriorRow | undefined> {
  const { rows } = await app.pool.query<PriorRow>({
    name: 'idempotency-find',
    text: `SELECT fingerprint, request_hash, status, content_type, response,
                  created_at < now() - make_interval(secs => $3) AS answer_overdue
             FROM idempotency_keys
            WHERE user_id = $1 AND key = $2 AND created_at > now() - make_interval(hours => $4)`,
    values: [claim.userId, claim.key, ANSWER_GRACE_SECONDS, IDEMPOTENCY_TTL_HOURS],
  });
  return rows[0];
}

/** Sends the first answer again, or the refusal that fits; never lets the handler run. */
function answerFromPrior(prior: PriorRow, claim: Claim, reply: FastifyReply): void {
  if (prior.fingerprint !== claim.fingerprint || prior.request_hash !== claim.requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  if (prior.status === null) throw prior.answer_overdue ? new AppError('IDEMPOTENCY_ANSWER_LOST') : inProgress();
  reply.status(prior.status).header('idempotent-replayed', 'true');
  if (prior.content_type) reply.type(prior.content_type);
  void reply.send(prior.response ?? '');
}

export default fp(async function idempotencyPlugin(app: App) {
  enlist(app.db);
  app.decorateRequest('idempotency', null);

  // The header appears in the OpenAPI description of every idempotent route; its format is checked below,
  // so that a bad key gets its own code rather than a generic validation error.
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent || route.schema?.headers) return;
    route.schema = { ...route.schema, headers: { type: 'object', properties: { 'idempotency-key': {
      type: 'string', description: 'Clé d’idempotence (1 à 200 caractères) : une demande renvoyée avec la même clé reçoit la première réponse (24 h).',
    } } } };
  });

  app.addHook('preHandler', (request, reply, done) => {
    const key = request.headers['idempotency-key'];
    // Anonymous requests are refused by the handler; there is no user to keep a key for.
    if (!request.routeOptions.config.idempotent || key === undefined || !request.user) return done();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) return done(new AppError('IDEMPOTENCY_KEY_INVALID'));
    const claim = claimOf(request, request.user.id, key);
    findPrior(app, claim).then((prior) => {
      if (prior) return answerFromPrior(prior, claim, reply);
      request.idempotency = claim;
      // The handler and everything it awaits run inside this context, where `enlist` finds the claim.
      current.run(claim, done);
    }).catch(done);
  });

  // Stored before the answer leaves: once the client holds an answer, a retry finds the same one.
  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (claim) claim.answered = true;
    if (claim && !claim.committed && reply.statusCode < 300) {
      // A route declared idempotent that wrote outside Drizzle's db.transaction: its key was never kept.
      request.log.error({ route: request.routeOptions.url }, 'idempotence : écriture hors transaction, clé non enregistrée');
    }
    if (!claim?.committed) return payload;
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    if (body === null) return payload;
    const contentType = String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8');
    try {
      await app.pool.query({
        name: 'idempotency-answer',
        text: 'UPDATE idempotency_keys SET status = $3, content_type = $4, response = $5 WHERE user_id = $1 AND key = $2',
        values: [claim.userId, claim.key, reply.statusCode, contentType, body],
      });
    } catch (err) {
      // The write is done and its answer goes out; only a retry would lack it (IDEMPOTENCY_ANSWER_LOST).
      request.log.warn({ err }, 'idempotence : réponse non enregistrée');
    }
    return payload;
  });
});

/** Deletes keys past their 24 hours, in bounded batches (hourly job). Returns how many went. */
export async function purgeIdempotencyKeys(db: Db, batchSize = 5_000): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { rows } = await db.execute<{ n: number }>(sql`
      WITH doomed AS (
        SELECT user_id, key FROM idempotency_keys
         WHERE created_at <= now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
         LIMIT ${batchSize} FOR UPDATE SKIP LOCKED),
      del AS (DELETE FROM idempotency_keys k USING doomed WHERE k.user_id = doomed.user_id AND k.key = doomed.key RETURNING 1)
      SELECT count(*)::int AS n FROM del`);
    deleted += rows[0]!.n;
    if (rows[0]!.n < batchSize) return deleted;
  }
}
