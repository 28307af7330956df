import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type {
  ExportFormat, Meeting, MeetingInput, MeetingSummaryPage, MinutesInput, Report, ReportTextInput, ReviewInput,
} from '../../../../common/api/reports';
import type { CoordinatorDashboard, Objectives, ObjectivesInput } from '../../../../common/api/steering';

/** API client of the coordination, review meetings and activity reports (docs/api.md, "Pilotage"). */

export type { Figures, Meeting, MeetingInput, Report } from '../../../../common/api/reports';
export type { CoordinatorDashboard, Objective } from '../../../../common/api/steering';

const key = (slug: string) => ['reports', slug] as const;

export function useCoordinatorDashboard(slug: string, month: string) {
  return useQuery({
    queryKey: [...key(slug), 'coordinator', month],
    queryFn: () => api.get<CoordinatorDashboard>(`/communities/${slug}/steering/coordinator${qs({ month })}`),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useSetObjectives(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ObjectivesInput) => api.put<Objectives>(`/communities/${slug}/steering/objectives`, input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key(slug) }),
  });
}

export function useMeetings(slug: string) {
  return useInfiniteQuery({
    queryKey: [...key(slug), 'meetings'],
    queryFn: ({ pageParam }) => api.get<MeetingSummaryPage>(`/communities/${slug}/meetings${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: false,
  });
}

export function useScheduleMeeting(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: MeetingInput) => api.post<Meeting>(`/communities/${slug}/meetings`, input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key(slug) }),
  });
}

export function useMeeting(id: number) {
  return useQuery({ queryKey: ['meeting', id], queryFn: () => api.get<Meeting>(`/meetings/${id}`), retry: false });
}

export function useMeetingWrites(id: number) {
  const qc = useQueryClient();
  const onSuccess = (m: Meeting) => qc.setQueryData(['meeting', id], m);
  return {
    minutes: useMutation({ mutationFn: (input: MinutesInput) => api.put<Meeting>(`/meetings/${id}/minutes`, input), onSuccess }),
    update: useMutation({ mutationFn: (input: MeetingInput) => api.put<Meeting>(`/meetings/${id}`, input), onSuccess }),
    startReport: useMutation({
      mutationFn: () => api.post<Report>(`/meetings/${id}/reports`),
      onSuccess: (r: Report) => { qc.setQueryData(['report', r.id], r); void qc.invalidateQueries({ queryKey: ['meeting', id] }); },
    }),
  };
}

export function useReport(id: number) {
  return useQuery({ queryKey: ['report', id], queryFn: () => api.get<Report>(`/reports/${id}`), retry: false });
}

export function useReportWrites(id: number) {
  const qc = useQueryClient();
  const onSuccess = (r: Report) => qc.setQueryData(['report', id], r);
  return {
    edit: useMutation({ mutationFn: (input: ReportTextInput) => api.patch<Report>(`/reports/${id}`, input), onSuccess }),
    submit: useMutation({ mutationFn: () => api.post<Report>(`/reports/${id}/submit`), onSuccess }),
    comment: useMutation({ mutationFn: (comment: string) => api.put<Report>(`/reports/${id}/comment`, { comment }), onSuccess }),
    review: useMutation({ mutationFn: (input: ReviewInput) => api.put<Report>(`/reports/${id}/review`, input), onSuccess }),
  };
}

export const exportUrl = (id: number, format: ExportFormat) => `/api/reports/${id}/export?format=${format}`;
