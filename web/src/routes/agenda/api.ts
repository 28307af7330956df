import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import { keys } from '../../api/keys';
import type { AgendaEvent, CreateEventInput, EditEventInput, EventInput, EventPage, MonthEvent, MonthPage } from '../../../../common/api/agenda';

/** The agenda's API: events are posts of kind « événement » with dates in Europe/Paris. */

export type { AgendaEvent, EventInput, EventPage, MonthEvent };

export type When = 'upcoming' | 'past';

const agendaKeys = {
  all: ['agenda'] as const,
  list: (slug: string, when: When) => ['agenda', 'community', slug, when] as const,
  month: (slug: string, from: string, to: string) => ['agenda', 'month', slug, from, to] as const,
  network: (when: When) => ['agenda', 'network', when] as const,
  event: (postId: number) => ['agenda', 'event', postId] as const,
};

const nextCursor = (last: EventPage) => last.nextCursor ?? undefined;

export function useCommunityEvents(slug: string, when: When) {
  return useInfiniteQuery({
    queryKey: agendaKeys.list(slug, when),
    queryFn: ({ pageParam }) => api.get<EventPage>(`/communities/${slug}/events${qs({ when, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });
}

export function useMonthEvents(slug: string, from: string, to: string) {
  return useQuery({
    queryKey: agendaKeys.month(slug, from, to),
    queryFn: () => api.get<MonthPage>(`/communities/${slug}/events/month${qs({ from, to })}`),
    placeholderData: (previous) => previous,
  });
}

export function useNetworkEvents(when: When) {
  return useInfiniteQuery({
    queryKey: agendaKeys.network(when),
    queryFn: ({ pageParam }) => api.get<EventPage>(`/events${qs({ when, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });
}

export function useEvent(postId: number) {
  return useQuery({ queryKey: agendaKeys.event(postId), queryFn: () => api.get<AgendaEvent>(`/posts/${postId}/event`) });
}

function useAgendaChanged() {
  const qc = useQueryClient();
  return (event: AgendaEvent) => {
    qc.setQueryData(agendaKeys.event(event.postId), event);
    void qc.invalidateQueries({ queryKey: agendaKeys.all });
    void qc.invalidateQueries({ queryKey: keys.postsAll });
    void qc.invalidateQueries({ queryKey: keys.post(event.postId) });
    void qc.invalidateQueries({ queryKey: keys.community(event.community.slug) });
  };
}

export function useCreateEvent(slug: string) {
  const changed = useAgendaChanged();
  return useMutation({
    mutationFn: (input: CreateEventInput) => api.create<AgendaEvent>(`/communities/${slug}/events`, input),
    onSuccess: changed,
  });
}

export function useUpdateEvent(postId: number) {
  const changed = useAgendaChanged();
  return useMutation({
    mutationFn: (input: EditEventInput) => api.patch<AgendaEvent>(`/events/${postId}`, input),
    onSuccess: changed,
  });
}

/** "Ajouter à mon agenda": the event as an .ics file. */
export const eventIcsUrl = (postId: number) => `/api/events/${postId}.ics`;
/** The community's agenda as a calendar subscription. */
export const agendaIcsUrl = (slug: string) => `/api/communities/${slug}/agenda.ics`;

export const networkIcsUrl = '/api/agenda.ics';
