import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ObjectiveKind, ReportSection, ReviewStatus } from '../../../../common/reports';
import { api, qs } from '../../api/client';

/** API client of the coordination, review meetings and activity reports (docs/api.md, "Pilotage"). */

export interface Person { id: number; name: string }
export interface MemberMonth { month: string; joined: number; total: number; active: number }

export interface Objective {
  kind: ObjectiveKind;
  label: string;
  measure: string;
  unit: string;
  target: number;
  isDefault: boolean;
  setBy: Person | null;
  updatedAt: string | null;
  value: number | null;
  met: boolean | null;
}

export interface AnimatorRow {
  userId: number;
  name: string;
  role: string;
  contributions: { total: number; target: number | null; families: { veille: number; animation: number; redaction: number }; met: boolean | null };
  regularity: { activeWeeks: number; target: number; met: boolean };
  quality: { answered: number; answeredWithinDeadline: number; share: number | null; medianSeconds: number | null; met: boolean | null };
}

export interface CoordinatorDashboard {
  month: string;
  objectives: Objective[];
  animators: AnimatorRow[];
  questions: {
    asked: number; answered: number; answeredWithinDeadline: number; decided: number; open: number; overdue: number;
    shareWithinDeadline: number | null; medianSeconds: number | null; p90Seconds: number | null;
  };
  moderation: { flagsReceived: number; flagsHandled: number; pending: number; medianHandleSeconds: number | null; actions: { action: string; count: number }[] };
  members: MemberMonth[];
  meetings: { quarter: string; planned: number; warning: boolean; next: { id: number; scheduledAt: string } | null };
}

export interface MeetingSummary { id: number; scheduledAt: string; fromMonth: string; toMonth: string; agenda: string; hasMinutes: boolean }
export interface ReportSummary { id: number; author: Person; status: 'draft' | 'submitted'; submittedAt: string | null; commented: boolean; reviewStatus: ReviewStatus | null }

export interface Meeting extends MeetingSummary {
  community: { slug: string; name: string };
  participants: Person[];
  minutes: string | null;
  decisions: string | null;
  minutesBy: Person | null;
  minutesAt: string | null;
  minutesDraft: boolean;
  createdBy: Person | null;
  reports: ReportSummary[];
  myReportId: number | null;
  can: { edit: boolean; recordMinutes: boolean; finalizeMinutes: boolean; writeReport: boolean };
}

export interface Figures {
  period: { fromMonth: string; toMonth: string; from: string; to: string };
  members: { atStart: number; atEnd: number; joined: number; growthRate: number | null; active: number };
  monthly: MemberMonth[];
  contributions: { total: number; target: number; families: { code: string; label: string; count: number; sources: { code: string; label: string; count: number }[] }[] };
  formats: { kinds: { kind: string; count: number }[]; attachments: { format: string; count: number }[]; embeds: { provider: string; count: number }[] };
  questions: { asked: number; answered: number; answeredWithinDeadline: number; decided: number; shareWithinDeadline: number | null; medianSeconds: number | null };
  moderation: { flagsReceived: number; flagsHandled: number; medianHandleSeconds: number | null; actions: { action: string; count: number }[] };
  agenda: { eventsHeld: number; eventsAdded: number };
  polls: { launched: number; votes: number; resultsPublished: number };
  /** Absent from reports submitted before it was counted. */
  cnfptResources?: number;
  mostRead: { postId: number; title: string; value: number }[];
}

export interface Report {
  id: number;
  meeting: { id: number; scheduledAt: string; fromMonth: string; toMonth: string };
  community: { slug: string; name: string };
  author: Person;
  status: 'draft' | 'submitted';
  submittedAt: string | null;
  highlights: string;
  difficulties: string;
  proposals: string;
  rendezvous: string;
  figures: Figures;
  comment: { text: string; by: Person | null; at: string } | null;
  review: { status: ReviewStatus; notes: ReviewNotes; by: Person | null; at: string } | null;
  can: { edit: boolean; submit: boolean; comment: boolean; review: boolean };
}

export type ReviewNotes = Partial<Record<ReportSection, string>>;

export interface MeetingInput { scheduledAt: string; fromMonth: string; toMonth: string; agenda: string; participantIds: number[] }

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
    mutationFn: (input: Partial<Record<ObjectiveKind, number>>) => api.put<{ objectives: Objective[] }>(`/communities/${slug}/steering/objectives`, input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key(slug) }),
  });
}

export function useMeetings(slug: string) {
  return useInfiniteQuery({
    queryKey: [...key(slug), 'meetings'],
    queryFn: ({ pageParam }) => api.get<{ items: MeetingSummary[]; nextCursor: string | null }>(`/communities/${slug}/meetings${qs({ cursor: pageParam })}`),
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
    minutes: useMutation({ mutationFn: (input: { minutes: string; decisions: string; final: boolean }) => api.put<Meeting>(`/meetings/${id}/minutes`, input), onSuccess }),
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
    edit: useMutation({ mutationFn: (input: Partial<Pick<Report, 'highlights' | 'difficulties' | 'proposals' | 'rendezvous'>>) => api.patch<Report>(`/reports/${id}`, input), onSuccess }),
    submit: useMutation({ mutationFn: () => api.post<Report>(`/reports/${id}/submit`), onSuccess }),
    comment: useMutation({ mutationFn: (comment: string) => api.put<Report>(`/reports/${id}/comment`, { comment }), onSuccess }),
    review: useMutation({ mutationFn: (input: { status: ReviewStatus; notes: ReviewNotes }) => api.put<Report>(`/reports/${id}/review`, input), onSuccess }),
  };
}

export const exportUrl = (id: number, format: 'pdf' | 'docx' | 'csv') => `/api/reports/${id}/export?format=${format}`;
