
/**
 * Where a draft will be published: a new post in a community, a comment on a post, a message in a
 * conversation, a section of an activity report. The key is `kind:id` (`report:id:section`).
 */
// Its pattern, checked on every route's path: PLACE_PATTERN in common/api/drafts.ts.

export type PlaceKind = 'post' | 'comment' | 'message' | 'report';

export function placeKind(place: string): PlaceKind {
  return place.split(':')[0] as PlaceKind;
}
