import { toIso } from '../../lib/cursor.js';
import type { CurrentUser } from '../../types.js';
import { canSeeResults, pollAbilities, type PollState } from './policy.js';
import type { FreeTextRow, MyVoteRow, OptionCountRow, PollListRow, PollRow } from './queries.js';
import { percentOf } from './results-markdown.js';
import type { PollOut } from '../../../../common/api/polls.js';

export function pollState(row: PollRow, voted: boolean): PollState {
  return {
    communityStatus: row.community_status,
    role: row.my_role,
    closed: row.closed,
    resultsVisibility: row.results_visibility,
    resultsPostId: row.results_post_id,
    voted,
  };
}

export interface FreeTextPage {
  count: number;
  items: FreeTextRow[];
  nextCursor: string | null;
}

/** Rows never leave as they are; hidden results leave as nulls, not as zeros. */
export function presentPoll(
  row: PollRow,
  options: OptionCountRow[],
  myVote: MyVoteRow | undefined,
  freeText: FreeTextPage | null,
  user: CurrentUser | null,
): PollOut {
  const state = pollState(row, myVote !== undefined);
  const visible = canSeeResults(user, state);
  const voters = row.total_voters;
  return {
    postId: row.post_id,
    community: { id: row.community_id, slug: row.community_slug, name: row.community_name },
    title: row.title,
    multiple: row.multiple,
    allowFreeText: row.allow_free_text,
    closesAt: toIso(row.closes_at),
    closed: row.closed,
    resultsVisibility: row.results_visibility,
    resultsVisible: visible,
    totalVoters: visible ? voters : null,
    options: options.map((o) => ({
      id: o.id,
      label: o.label,
      count: visible ? o.count : null,
      percent: visible ? percentOf(o.count, voters) : null,
    })),
    myVote: myVote ? { optionIds: myVote.option_ids, freeText: myVote.free_text, createdAt: toIso(myVote.created_at) } : null,
    freeText: freeText
      ? { count: freeText.count, items: freeText.items.map(presentFreeText), nextCursor: freeText.nextCursor }
      : null,
    resultsPost: row.results_post_id !== null && row.results_post_title !== null ? { id: row.results_post_id, title: row.results_post_title } : null,
    can: pollAbilities(user, state),
  };
}

export function presentFreeText(row: FreeTextRow) {
  return { text: row.text, createdAt: toIso(row.created_at) };
}

export function presentPollSummary(row: PollListRow) {
  return {
    postId: row.id,
    title: row.title,
    multiple: row.multiple,
    closesAt: toIso(row.closes_at),
    closed: row.closed,
    totalVoters: row.total_voters,
    createdAt: toIso(row.created_at),
    resultsPostId: row.results_post_id,
  };
}
