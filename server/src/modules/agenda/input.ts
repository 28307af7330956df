import type { LocalEventFields } from '../../../../common/agenda.js';
import { LIMITS } from '../../../../common/limits.js';
import { AppError } from '../../lib/errors.js';
import { addDays, parisToUtc, parseDate, utcToParis } from '../../../../common/time/index.js';

export interface ResolvedEvent {
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  place: string | null;
  onlineUrl: string | null;
  registrationUrl: string | null;
  organiser: string | null;
}

const URL_MESSAGE = 'Saisissez une adresse web complète, commençant par https:// (ou http://).';

function cleanText(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** Only http(s) links: a "javascript:" or "file:" URL must never become a link on the page. */
function cleanUrl(value: string | null | undefined, field: string, errors: Record<string, string>): string | null {
  const text = cleanText(value);
  if (text === null) return null;
  try {
    const url = new URL(text);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.')) return url.href;
  } catch {
    // reported below
  }
  errors[field] = URL_MESSAGE;
  return null;
}

/**
 * Checks and converts what the form sent: Paris wall-clock times become UTC instants
 * (see common/time/paris.ts for the daylight-saving rule). Every problem answers 400 before anything is written.
 */
export function resolveEvent(input: LocalEventFields): ResolvedEvent {
  const errors: Record<string, string> = {};
  if (!parseDate(input.startDate)) errors.startDate = 'Date invalide.';
  if (!parseDate(input.endDate)) errors.endDate = 'Date invalide.';
  if (!input.allDay) {
    if (!input.startTime) errors.startTime = 'Indiquez l’heure de début (ou cochez « toute la journée »).';
    if (!input.endTime) errors.endTime = 'Indiquez l’heure de fin (ou cochez « toute la journée »).';
  }
  const onlineUrl = cleanUrl(input.onlineUrl, 'onlineUrl', errors);
  const registrationUrl = cleanUrl(input.registrationUrl, 'registrationUrl', errors);

  let startsAt: Date | null = null;
  let endsAt: Date | null = null;
  if (!errors.startDate && !errors.endDate && !errors.startTime && !errors.endTime) {
    if (input.allDay) {
      // All day: from Paris midnight of the first day to Paris midnight after the last one.
      startsAt = parisToUtc(input.startDate);
      endsAt = parisToUtc(addDays(input.endDate, 1));
    } else {
      startsAt = parisToUtc(input.startDate, input.startTime!);
      endsAt = parisToUtc(input.endDate, input.endTime!);
      if (!startsAt) errors.startTime = 'Heure invalide.';
      if (!endsAt) errors.endTime = 'Heure invalide.';
    }
  }
  if (Object.keys(errors).length > 0 || !startsAt || !endsAt) {
    throw new AppError('VALIDATION_FAILED', undefined, errors);
  }
  if (endsAt <= startsAt) throw new AppError('EVENT_ENDS_BEFORE_START');
  if (endsAt.getTime() - startsAt.getTime() > LIMITS.eventMaxDays * 86_400_000) throw new AppError('EVENT_TOO_LONG');
  return {
    startsAt,
    endsAt,
    allDay: input.allDay,
    place: cleanText(input.place),
    onlineUrl,
    registrationUrl,
    organiser: cleanText(input.organiser),
  };
}

/** The stored instants back in Paris wall-clock terms (the end day of an all-day event is included). */
export function localFields(row: { startsAt: Date; endsAt: Date; allDay: boolean }) {
  const start = utcToParis(row.startsAt);
  const end = utcToParis(row.endsAt);
  return row.allDay
    ? { startDate: start.date, startTime: null, endDate: addDays(end.date, -1), endTime: null }
    : { startDate: start.date, startTime: start.time, endDate: end.date, endTime: end.time };
}
