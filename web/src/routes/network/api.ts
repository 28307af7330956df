import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type {
  AttendanceInput, EventInput, NetworkEvent, NetworkEventPage, NetworkMe, PracticeDetail, PracticeInput, PracticePage, Registration,
} from '../../../../common/api/network';

/** API client of the animators' network: events, registrations, attendance, good practices (docs/api.md). */

export const KIND = { exchange: 'Séance d’échange (1 h, à distance)', gathering: 'Rassemblement annuel' } as const;

export type { NetworkEvent } from '../../../../common/api/network';

export function useNetworkMe() {
  return useQuery({ queryKey: ['network', 'me'], queryFn: () => api.get<NetworkMe>('/network/me') });
}

export function useNetworkEvents(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['network', 'events'],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<NetworkEventPage>(`/network/events${qs({ cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCreateEvent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: EventInput) => api.post<NetworkEvent>('/network/events', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['network', 'events'] }),
  });
}

export function useRegistration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, on }: { id: number; on: boolean }) =>
      on ? api.put<NetworkEvent>(`/network/events/${id}/registration`) : api.delete<NetworkEvent>(`/network/events/${id}/registration`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['network', 'events'] }),
  });
}

export function useRegistrations(id: number, enabled: boolean) {
  return useQuery({ queryKey: ['network', 'events', id, 'registrations'], enabled, queryFn: () => api.get<Registration[]>(`/network/events/${id}/registrations`) });
}
export function useAttendance(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (attendance: AttendanceInput['attendance']) => api.put<Registration[]>(`/network/events/${id}/attendance`, { attendance }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['network', 'events'] }),
  });
}

export function usePractices(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['network', 'practices'],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<PracticePage>(`/network/practices${qs({ cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
export function usePractice(id: number | null) {
  return useQuery({ queryKey: ['network', 'practices', id], enabled: id !== null, queryFn: () => api.get<PracticeDetail>(`/network/practices/${id}`) });
}
export function useSharePractice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PracticeInput) => api.post<PracticeDetail>('/network/practices', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['network', 'practices'] }),
  });
}
export function useCommentPractice(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api.post(`/network/practices/${id}/comments`, { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['network', 'practices'] }),
  });
}
