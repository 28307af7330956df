import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';

/** API client of the steering module (docs/api.md, "Pilotage"). */

export interface FamilyFigure {
  code: 'veille' | 'animation' | 'redaction';
  label: string;
  count: number;
  share: number;
  sources: { code: string; label: string; description: string; count: number }[];
}

export interface TopPost { postId: number; title: string; value: number }

export interface TeamRow {
  userId: number;
  name: string;
  role: string;
  total: number;
  /** Null for a coordinator: only animators carry the monthly target. */
  target: number | null;
  families: { veille: number; animation: number; redaction: number };
}

export interface Targets { community: number; communityIsDefault: boolean; byUser: { userId: number; monthlyTarget: number }[] }

export interface AnimatorDashboard {
  month: string;
  animator: { id: number; name: string };
  target: number | null;
  total: number;
  families: FamilyFigure[];
  balance: { balanced: boolean; message: string; low: string[] };
  formats: {
    kinds: { kind: string; count: number }[];
    attachments: { format: string; count: number }[];
    embeds: { provider: string; count: number }[];
  };
  questions: { total: number; items: { postId: number; title: string; deadlineAt: string; hoursLeft: number }[] };
  flagsWaiting: number;
  /** « Ressources CNFPT » promoted in the month: by this animator, by the whole community. */
  cnfptResources: { animator: number; community: number };
  members: { month: string; joined: number; total: number }[];
  mostRead: TopPost[];
  /** When the audience figures (members, most read, most useful) were computed: kept a minute by the server. */
  audienceAt: string;
  mostUseful: TopPost[];
  team: TeamRow[] | null;
  targets: Targets | null;
  can: { setTarget: boolean; readTeam: boolean };
}

const skey = (slug: string) => ['steering', slug] as const;

export function useAnimatorDashboard(slug: string, month: string, animatorId?: number) {
  return useQuery({
    queryKey: [...skey(slug), 'animator', month, animatorId ?? null],
    queryFn: () => api.get<AnimatorDashboard>(`/communities/${slug}/steering/animator${qs({ month, animatorId })}`),
    placeholderData: keepPreviousData,
  });
}

export function useSetTarget(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { monthlyTarget: number; userId?: number }) => api.put<Targets>(`/communities/${slug}/steering/target`, input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: skey(slug) }),
  });
}

export function useResetTarget(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId?: number) => api.delete<Targets>(`/communities/${slug}/steering/target${qs({ userId })}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: skey(slug) }),
  });
}
