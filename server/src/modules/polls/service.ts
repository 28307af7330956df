import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { insertPost } from '../posts/service.js';
import { resultsMarkdown, resultsTitle } from './results-markdown.js';
import { optionCounts } from './queries.js';
import { namedText } from '../../lib/named-query.js';
import { assertUnderLimit, counterUpsert, type RateHit } from '../../lib/rate-limit.js';

/** Writes of the polls module, each in one transaction with the post it belongs to. */

export interface NewPoll {
  title: string;
  body?: string;
  options: string[];
  multiple?: boolean;
  allowFreeText?: boolean;
  closesAt: string;
  resultsVisibility?: 'live' | 'after_close';
}

const MAX_DAYS_AHEAD = 366;

/** Checks what the schema cannot express; the French messages name the field. */
export function validateNewPoll(input: NewPoll, now = Date.now()): string[] {
  const labels = input.options.map((o) => o.trim());
  const closes = new Date(input.closesAt).getTime();
  const fields: Record<string, string> = {};
  if (new Set(labels.map((l) => l.toLocaleLowerCase('fr'))).size !== labels.length) {
    fields.options = 'Deux réponses proposées sont identiques.';
  }
  if (Number.isNaN(closes) || closes <= now) fields.closesAt = 'La date de clôture doit être dans le futur.';
  else if (closes > now + MAX_DAYS_AHEAD * 86_400_000) fields.closesAt = 'La date de clôture doit être dans l’année qui vient.';
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', undefined, fields);
  return labels;
}

export async function createPoll(db: Db, communityId: number, authorId: number, input: NewPoll): Promise<number> {
  const labels = validateNewPoll(input);
  return db.transaction(async (tx) => {
    const postId = await insertPost(tx, communityId, authorId, { kind: 'sondage', title: input.title, body: input.body ?? '' });
    await tx.execute(sql`
      INSERT INTO polls (post_id, community_id, multiple, allow_free_text, closes_at, results_visibility)
      VALUES (${postId}, ${communityId}, ${input.multiple ?? false}, ${input.allowFreeText ?? false},
              ${input.closesAt}::timestamptz, ${input.resultsVisibility ?? 'live'})`);
    const positions = labels.map((_, i) => i + 1);
    await tx.execute(sql`
      INSERT INTO poll_options (poll_id, position, label)
      SELECT ${postId}, pos, label FROM unnest(${sql.param(positions)}::int[], ${sql.param(labels)}::text[]) AS t(pos, label)`);
    return postId;
  });
}

export interface VoteInput {
  optionIds: number[];
  freeText?: string;
}

/**
 * Records one member's answer, and counts their reaction budget (`rate`), in ONE statement of its transaction (each round trip of a
 * write held it open: the vote was the slowest request of the mixed benchmark). The checks run in SQL on the
 * poll row, read FOR SHARE so that a concurrent close waits until this vote is in; the vote and its choices are
 * written only when every check passed, and the refusal is named here in the order the checks had. The primary key
 * of poll_votes decides between two simultaneous votes of the same member: the second insert waits for the first,
 * then finds the row and gives up.
 */
const VOTE_SQL = `
  WITH hit AS (${counterUpsert('$1', '$2')}),
  poll AS (SELECT multiple, allow_free_text, closes_at > now() AS open FROM polls WHERE post_id = $4 FOR SHARE),
  known AS (SELECT count(*)::int AS n FROM poll_options WHERE poll_id = $4 AND id = ANY($6::bigint[])),
  allowed AS (
    SELECT 1 FROM hit, poll, known
     WHERE hit.count <= $3::float8 AND poll.open AND (poll.multiple OR cardinality($6::bigint[]) <= 1)
       AND ($7::text IS NULL OR poll.allow_free_text) AND known.n = cardinality($6::bigint[])),
  vote AS (
    INSERT INTO poll_votes (poll_id, user_id, free_text) SELECT $4, $5, $7::text WHERE EXISTS (SELECT 1 FROM allowed)
    ON CONFLICT (poll_id, user_id) DO NOTHING RETURNING user_id),
  choices AS (
    INSERT INTO poll_vote_choices (poll_id, user_id, option_id)
    SELECT $4, $5, o FROM unnest($6::bigint[]) AS o WHERE EXISTS (SELECT 1 FROM vote))
  SELECT hit.count AS rate_count, hit.retry, poll.multiple, poll.allow_free_text, poll.open, known.n AS known,
         EXISTS (SELECT 1 FROM vote) AS voted
    FROM hit CROSS JOIN known LEFT JOIN poll ON true`;

export async function vote(db: Db, pollId: number, userId: number, input: VoteInput, rate: RateHit): Promise<void> {
  const freeText = input.freeText?.trim() || null;
  // In a transaction all the same: an Idempotency-Key is claimed in the write's transaction (plugins/idempotency.ts),
  // and a refusal rolls back the statement's writes.
  await db.transaction(async (tx) => {
    const [row] = await namedText<{ rate_count: number; retry: number; multiple: boolean | null; allow_free_text: boolean | null; open: boolean | null; known: number; voted: boolean }>(
      tx, 'poll-vote', VOTE_SQL, [rate.key, rate.windowSeconds, rate.max, pollId, userId, input.optionIds, freeText]);
    assertUnderLimit(rate, row!.rate_count, row!.retry);
    if (row!.open === null) throw new AppError('POLL_NOT_FOUND');
    if (!row!.open) throw new AppError('POLL_CLOSED');
    if (!row!.multiple && input.optionIds.length > 1) {
      throw new AppError('VALIDATION_FAILED', 'Ce sondage n’accepte qu’une seule réponse.', { optionIds: 'Choisissez une seule réponse.' });
    }
    if (freeText !== null && !row!.allow_free_text) {
      throw new AppError('VALIDATION_FAILED', 'Ce sondage n’accepte pas de réponse libre.', { freeText: 'Ce sondage n’accepte pas de réponse libre.' });
    }
    if (row!.known !== input.optionIds.length) {
      throw new AppError('VALIDATION_FAILED', 'Une des réponses choisies n’existe pas dans ce sondage.', { optionIds: 'Réponse inconnue.' });
    }
    if (!row!.voted) throw new AppError('ALREADY_VOTED');
  }).catch((err: unknown) => {
    if (isUniqueViolation(err)) throw new AppError('ALREADY_VOTED');
    throw err;
  });
}

/** Closes the poll now (the animator ends it early, e.g. to report on it). */
export async function closePoll(db: Db, pollId: number): Promise<void> {
  const { rows } = await db.execute(sql`
    UPDATE polls SET closes_at = now() WHERE post_id = ${pollId} AND closes_at > now() RETURNING post_id`);
  if (rows.length === 0) throw new AppError('POLL_CLOSED');
}

/**
 * Publishes a post summarising the results, linked from the poll. The poll row is locked so two
 * animators pressing the button together publish once.
 */
export async function publishResults(db: Db, pollId: number, authorId: number, commentary: string): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ community_id: number; title: string; closes_at: string; closed: boolean; results_post_id: number | null; voters: number }>(sql`
      SELECT pl.community_id, p.title, pl.closes_at::text AS closes_at, pl.closes_at <= now() AS closed, pl.results_post_id,
             (SELECT count(*)::int FROM poll_votes v WHERE v.poll_id = pl.post_id) AS voters
        FROM polls pl JOIN posts p ON p.id = pl.post_id
       WHERE pl.post_id = ${pollId}
         FOR UPDATE OF pl`);
    const poll = rows[0];
    if (!poll) throw new AppError('POLL_NOT_FOUND');
    if (poll.results_post_id !== null) throw new AppError('RESULTS_ALREADY_PUBLISHED');
    if (!poll.closed) throw new AppError('POLL_NOT_CLOSED');
    const options = await optionCounts(tx, pollId);
    const body = resultsMarkdown({ pollId, title: poll.title, closesAt: new Date(poll.closes_at), voters: poll.voters, options, commentary });
    // A write-up of the animation: an article of type "autre", which members can comment on.
    const postId = await insertPost(tx, poll.community_id, authorId, {
      kind: 'article', title: resultsTitle(poll.title), body, fields: { articleType: 'autre' },
    });
    await tx.execute(sql`UPDATE polls SET results_post_id = ${postId} WHERE post_id = ${pollId}`);
    return postId;
  });
}
