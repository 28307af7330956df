import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type { ArticleType } from '../../api/types';

/** The editorial calendar's API (community staff only). Wall-clock times are Europe/Paris. */

export type PlannedStatus = 'draft' | 'scheduled' | 'published' | 'cancelled';
export type PlannableKind = 'discussion' | 'article' | 'veille' | 'ressource';
export const PLANNABLE_KINDS: PlannableKind[] = ['discussion', 'article', 'veille', 'ressource'];

/** What the post will carry for its kind, written to it at publication (server: calendar/schema.ts). */
export interface PlannedPayload {
  articleType?: ArticleType;
  link?: { url: string; title?: string; description?: string; source?: string };
  rubriqueId?: number | null;
  tags?: string[];
}

export interface PlannedPost {
  id: number;
  communityId: number;
  kind: PlannableKind;
  title: string;
  body: string;
  payload: PlannedPayload;
  plannedAt: string;
  /** "YYYY-MM-DDTHH:MM" in Paris time. */
  plannedAtLocal: string;
  status: PlannedStatus;
  postId: number | null;
  slotId: number | null;
  author: { id: number; firstName: string; lastName: string };
  can: { edit: boolean; cancel: boolean };
}

export interface Slot {
  id: number;
  label: string;
  kind: PlannableKind;
  weekday: number;
  time: string;
  intervalWeeks: number;
  startsOn: string;
  active: boolean;
}

export interface CalendarData {
  from: string;
  to: string;
  planned: PlannedPost[];
  occurrences: { slotId: number; label: string; kind: string; at: string; atLocal: string; plannedPostId: number | null }[];
  published: { id: number; kind: string; title: string; createdAt: string; author: { firstName: string; lastName: string } }[];
  events: { postId: number; title: string; startsAt: string; endsAt: string }[];
  slots: Slot[];
  /** Who is on duty, for the weeks of the period that have someone (duty roster). */
  duty: { weekStart: string; animator: { id: number; firstName: string; lastName: string } }[];
}

export interface PlannedInput {
  kind?: PlannableKind;
  title?: string;
  body?: string;
  plannedAt?: string;
  status?: 'draft' | 'scheduled';
  slotId?: number | null;
  payload?: PlannedPayload;
}

const calendarKey = (slug: string) => ['calendar', slug] as const;

export function useCalendar(slug: string, from: string, to: string) {
  return useQuery({
    queryKey: [...calendarKey(slug), from, to],
    queryFn: () => api.get<CalendarData>(`/communities/${slug}/calendar${qs({ from, to })}`),
    placeholderData: (previous) => previous,
  });
}

function useCalendarMutation<I, O>(slug: string, fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: calendarKey(slug) }) });
}

export const useCreatePlanned = (slug: string) =>
  useCalendarMutation(slug, (input: PlannedInput) => api.post<PlannedPost>(`/communities/${slug}/planned-posts`, input));
export const useUpdatePlanned = (slug: string) =>
  useCalendarMutation(slug, ({ id, ...input }: PlannedInput & { id: number }) => api.patch<PlannedPost>(`/planned-posts/${id}`, input));
export const useCancelPlanned = (slug: string) =>
  useCalendarMutation(slug, (id: number) => api.post<PlannedPost>(`/planned-posts/${id}/cancel`));
export const useCreateSlot = (slug: string) =>
  useCalendarMutation(slug, (input: Omit<Slot, 'id' | 'active' | 'startsOn'> & { startsOn?: string }) => api.post<Slot>(`/communities/${slug}/slots`, input));
export const useUpdateSlot = (slug: string) =>
  useCalendarMutation(slug, ({ id, ...input }: Partial<Slot> & { id: number }) => api.patch<Slot>(`/slots/${id}`, input));
export const useDeleteSlot = (slug: string) =>
  useCalendarMutation(slug, (id: number) => api.delete<{ ok: true }>(`/slots/${id}`));
