import { LIMITS } from '../../../../common/limits.js';
import { REPORT_SECTIONS } from '../../../../common/reports.js';

/**
 * Where a draft will be published: a new post in a community, a comment on a post, a message in a
 * conversation, a section of an activity report. The key is `kind:id` (`report:id:section`).
 */
export const PLACE_PATTERN = `^(post|comment|message):[1-9][0-9]{0,15}$|^report:[1-9][0-9]{0,15}:(${REPORT_SECTIONS.map((s) => s.key).join('|')})$`;

export const PLACE_MAX = LIMITS.draftPlace;

export type PlaceKind = 'post' | 'comment' | 'message' | 'report';

export function placeKind(place: string): PlaceKind {
  return place.split(':')[0] as PlaceKind;
}
