import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDateTime } from '../../lib/format';
import { api } from '../../api/client';

/** API client of national steering (contracts: ./contracts-api.ts; the animators' network: ../network/api.ts) (docs/api.md). */

export interface CommunityFigures {
  id: number; slug: string; name: string; status: string; launchDate: string | null;
  members: number; joinedMonth: number; growth: number | null; postsMonth: number; commentsMonth: number; activeMonth: number;
  questionsDue: number; questionsInTime: number; flagsPending: number; moderationActionsMonth: number;
  staffCount: number; contributionsMonth: number; contributionsTarget: number;
}
export interface NetworkMonth { month: string; subscribers: number; joined: number; posts: number; comments: number; active: number }
export interface NationalDashboard {
  refreshedAt: string | null;
  month: string | null;
  network: { subscribers: number; memberships: number; activeMonth: number; activeToday: number; communities: number };
  communities: CommunityFigures[];
  months: NetworkMonth[];
  days: { day: string; active: number }[];
}

export function useNationalDashboard() {
  return useQuery({ queryKey: ['national', 'dashboard'], queryFn: () => api.get<NationalDashboard>('/national/dashboard') });
}

export function useRefreshNational() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ refreshedAt: string }>('/national/dashboard/refresh'),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['national'] }),
  });
}

export interface WizardInput {
  name: string; slug: string; description: string; perimeter: string; targetAudience: string; editorialLine: string;
  coordinatorId: number; animatorIds: number[]; launchDate: string;
}
export function useCreateCommunity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: WizardInput) => api.post<{ id: number; slug: string; status: string; launchDate: string }>('/national/communities', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['communities'] }),
  });
}

export interface Audience {
  refreshedAt: string | null;
  months: { month: string; members: number; joined: number; active: number; posts: number; comments: number }[];
  days: { day: string; active: number }[];
  topPosts: { postId: number; title: string; views: number }[];
}
export function useAudience(slug: string, enabled: boolean) {
  return useQuery({ queryKey: ['audience', slug], enabled, queryFn: () => api.get<Audience>(`/communities/${slug}/audience`) });
}

export const euros = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
export const hoursLabel = (minutes: number) => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(minutes / 60)} h`;
/** "données du 29 novembre 2026 à 03 h 10" */
export function freshness(iso: string): string {
  return `données du ${formatDateTime(iso)}`;
}

