import type { ErrorCode } from './errors';

/**
 * When a network event (monthly exchange session, annual gathering) may take place: from now to two years
 * ahead, a gathering lasting at most a week. A typo such as 2900 for 2026 is refused, by the form as by the API.
 */
export const NETWORK_EVENT_MAX_DAYS_AHEAD = 730;
export const NETWORK_GATHERING_MAX_DAYS = 7;

const DAY = 86_400_000;

/** The error code for a start and end outside the window, or null when they fit. */
export function networkEventDatesError(start: Date, end: Date, now: Date = new Date()): ErrorCode | null {
  if (start.getTime() < now.getTime()) return 'NETWORK_EVENT_IN_PAST';
  if (start.getTime() > now.getTime() + NETWORK_EVENT_MAX_DAYS_AHEAD * DAY) return 'NETWORK_EVENT_TOO_FAR';
  if (end.getTime() - start.getTime() > NETWORK_GATHERING_MAX_DAYS * DAY) return 'NETWORK_EVENT_TOO_LONG';
  return null;
}
