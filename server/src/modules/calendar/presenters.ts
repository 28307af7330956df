import { plannedAbilities } from './policy.js';
import { asDate } from './time.js';
import type { PlannedPostOut } from '../../../../common/api/calendar.js';
import type { EventRow, OccurrenceRow, PlannedRow, PublishedRow, SlotRow } from './queries.js';

/** The public fields of calendar rows. */

/**
 * A planned post with its kind's fields only: the service refuses the others when saving (checkPayload), and the
 * answer's type says which fields each kind carries.
 */
export function presentPlanned(r: PlannedRow): PlannedPostOut {
  const fields = {
    id: r.id,
    communityId: r.community_id,
    title: r.title,
    body: r.body_md,
    plannedAt: asDate(r.planned_at).toISOString(),
    plannedAtLocal: r.planned_local,
    status: r.status,
    postId: r.post_id,
    slotId: r.slot_id,
    author: { id: r.author_id, firstName: r.first_name, lastName: r.last_name },
    createdAt: asDate(r.created_at).toISOString(),
    updatedAt: asDate(r.updated_at).toISOString(),
    can: plannedAbilities(r.status),
  };
  const { articleType, link, ...classification } = r.payload;
  switch (r.kind) {
    case 'article': return { ...fields, kind: r.kind, payload: articleType ? { ...classification, articleType } : classification };
    case 'veille': case 'ressource': return { ...fields, kind: r.kind, payload: link ? { ...classification, link } : classification };
    default: return { ...fields, kind: r.kind, payload: classification };
  }
}

export function presentSlot(r: SlotRow) {
  return {
    id: r.id,
    communityId: r.community_id,
    label: r.label,
    kind: r.kind,
    weekday: r.weekday,
    time: r.time_of_day,
    intervalWeeks: r.interval_weeks,
    startsOn: r.starts_on,
    active: r.active,
  };
}

export function presentOccurrence(r: OccurrenceRow) {
  return { slotId: r.slot_id, label: r.label, kind: r.kind, at: asDate(r.at).toISOString(), atLocal: r.at_local, plannedPostId: r.planned_post_id };
}

export function presentPublished(r: PublishedRow) {
  return {
    id: r.id, kind: r.kind, title: r.title, createdAt: asDate(r.created_at).toISOString(),
    author: { id: r.author_id, firstName: r.first_name, lastName: r.last_name },
  };
}

export function presentEvent(r: EventRow) {
  return { postId: r.post_id, title: r.title, startsAt: asDate(r.starts_at).toISOString(), endsAt: asDate(r.ends_at).toISOString() };
}
