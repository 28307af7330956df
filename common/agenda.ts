/**
 * An event's fields as a person enters them: Paris days and times ('YYYY-MM-DD', 'HH:MM'; no time for an all-day event).
 * The server resolves them to instants; the web client shows and sends them as they are.
 */
export interface LocalEventFields {
  allDay: boolean;
  startDate: string;
  startTime: string | null;
  endDate: string;
  endTime: string | null;
  place: string | null;
  onlineUrl: string | null;
  registrationUrl: string | null;
  organiser: string | null;
}
