import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type { Ok } from '../../api/types';
import type {
  CalendarData, NewPlanned, NewSlot, PlannableKind, PlannedEdit, PlannedPost, Slot, SlotEdit,
} from '../../../../common/api/calendar';

/** The editorial calendar's API (community staff only). Wall-clock times are Europe/Paris. */

export type { CalendarData, PlannableKind, PlannedPayload, PlannedPost, Slot } from '../../../../common/api/calendar';

/** The plannable kinds, in the order the forms offer them; a kind the schema adds or drops is a type error here. */
const PLANNABLE: Record<PlannableKind, true> = { discussion: true, article: true, veille: true, ressource: true };
export const PLANNABLE_KINDS = Object.keys(PLANNABLE) as PlannableKind[];

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
  useCalendarMutation(slug, (input: NewPlanned) => api.post<PlannedPost>(`/communities/${slug}/planned-posts`, input));
export const useUpdatePlanned = (slug: string) =>
  useCalendarMutation(slug, ({ id, ...input }: PlannedEdit & { id: number }) => api.patch<PlannedPost>(`/planned-posts/${id}`, input));
export const useCancelPlanned = (slug: string) =>
  useCalendarMutation(slug, (id: number) => api.post<PlannedPost>(`/planned-posts/${id}/cancel`));
export const useCreateSlot = (slug: string) =>
  useCalendarMutation(slug, (input: NewSlot) => api.post<Slot>(`/communities/${slug}/slots`, input));
export const useUpdateSlot = (slug: string) =>
  useCalendarMutation(slug, ({ id, ...input }: SlotEdit & { id: number }) => api.patch<Slot>(`/slots/${id}`, input));
export const useDeleteSlot = (slug: string) =>
  useCalendarMutation(slug, (id: number) => api.delete<Ok>(`/slots/${id}`));
