import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { insertPost } from '../posts/service.js';
import { resultsMarkdown, resultsTitle } from './results-markdown.js';
import { optionCounts } from './queries.js';

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
 * Records one member's answer. The primary key of poll_votes decides between two simultaneous
 * votes of the same member: the second insert waits for the first, then finds the row and gives up.
 */
export async function vote(db: Db, pollId: number, userId: number, input: VoteInput): Promise<void> {
  await db.transaction(async (tx) => {
    // FOR SHARE: a concurrent close waits until this vote is in, so no vote lands after the closing.
    const { rows } = await tx.execute<{ multiple: boolean; allow_free_text: boolean; open: boolean }>(sql`
      SELECT multiple, allow_free_text, closes_at > now() AS open FROM polls WHERE post_id = ${pollId} FOR SHARE`);
    const poll = rows[0];
    if (!poll) throw new AppError('POLL_NOT_FOUND');
    if (!poll.open) throw new AppError('POLL_CLOSED');
    if (!poll.multiple && input.optionIds.length > 1) {
      throw new AppError('VALIDATION_FAILED', 'Ce sondage n’accepte qu’une seule réponse.', { optionIds: 'Choisissez une seule réponse.' });
    }
    const freeText = input.freeText?.trim() || null;
    if (freeText !== null && !poll.allow_free_text) {
      throw new AppError('VALIDATION_FAILED', 'Ce sondage n’accepte pas de réponse libre.', { freeText: 'Ce sondage n’accepte pas de réponse libre.' });
    }
    const known = await tx.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM poll_options WHERE poll_id = ${pollId} AND id = ANY(${sql.param(input.optionIds)}::bigint[])`);
    if (known.rows[0]!.n !== input.optionIds.length) {
      throw new AppError('VALIDATION_FAILED', 'Une des réponses choisies n’existe pas dans ce sondage.', { optionIds: 'Réponse inconnue.' });
    }
    const inserted = await tx.execute(sql`
      INSERT INTO poll_votes (poll_id, user_id, free_text) VALUES (${pollId}, ${userId}, ${freeText})
      ON CONFLICT (poll_id, user_id) DO NOTHING RETURNING user_id`);
    if (inserted.rows.length === 0) throw new AppError('ALREADY_VOTED');
    await tx.execute(sql`
      INSERT INTO poll_vote_choices (poll_id, user_id, option_id)
      SELECT ${pollId}, ${userId}, o FROM unnest(${sql.param(input.optionIds)}::bigint[]) AS o`);
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
