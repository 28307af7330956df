import type { CurrentUser } from '../../types.js';
import { toIso } from '../../lib/cursor.js';
import { excerpt } from '../../lib/markdown.js';
import type { IcsEvent } from './ics.js';
import { localFields } from './input.js';
import { addDays } from '../../../../common/time/index.js';
import { eventAbilities } from './policy.js';
import type { EventRow, MonthEventRow } from './queries.js';
import type { EventOut, MonthEvent } from '../../../../common/api/agenda.js';

/** Rows never leave as they are: these functions list the public fields. */

export function presentEvent(row: EventRow, user: CurrentUser | null): EventOut {
  const startsAt = new Date(row.starts_at);
  const endsAt = new Date(row.ends_at);
  return {
    postId: row.post_id,
    community: { id: row.community_id, slug: row.community_slug, name: row.community_name },
    title: row.title,
    excerpt: row.excerpt,
    startsAt: toIso(row.starts_at),
    endsAt: toIso(row.ends_at),
    allDay: row.all_day,
    ...localFields({ startsAt, endsAt, allDay: row.all_day }),
    place: row.place,
    onlineUrl: row.online_url,
    registrationUrl: row.registration_url,
    organiser: row.organiser,
    can: eventAbilities(user, { status: row.community_status, role: row.my_role }),
  };
}

export function presentMonthEvent(row: MonthEventRow): MonthEvent {
  return {
    postId: row.post_id,
    title: row.title,
    startsAt: toIso(row.starts_at),
    endsAt: toIso(row.ends_at),
    allDay: row.all_day,
    ...localFields({ startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at), allDay: row.all_day }),
    place: row.place,
    onlineUrl: row.online_url,
  };
}

/** The post page's address, the event's URL in calendars. */
export function postUrl(publicUrl: string, postId: number): string {
  return `${publicUrl}/publications/${postId}`;
}

export function icsEvent(row: EventRow, publicUrl: string): IcsEvent {
  const startsAt = new Date(row.starts_at);
  const endsAt = new Date(row.ends_at);
  const local = localFields({ startsAt, endsAt, allDay: row.all_day });
  const url = postUrl(publicUrl, row.post_id);
  const text = row.body_md === undefined ? row.excerpt : excerpt(row.body_md, 4000);
  const description = [
    text,
    row.organiser ? `Organisé par : ${row.organiser}` : '',
    row.online_url ? `En ligne : ${row.online_url}` : '',
    row.registration_url ? `Inscription : ${row.registration_url}` : '',
    `${row.community_name} : ${url}`,
  ].filter(Boolean).join('\n\n');
  return {
    // Stable across edits and exports: calendar clients update the same entry.
    uid: `${row.post_id}@e-communautes`,
    stamp: new Date(row.updated_at),
    created: new Date(row.created_at),
    sequence: row.sequence,
    start: startsAt,
    end: endsAt,
    allDay: row.all_day ? { startDate: local.startDate, endDate: addDays(local.endDate, 1) } : undefined,
    summary: row.title,
    description,
    location: row.place ?? row.online_url ?? undefined,
    url,
  };
}
