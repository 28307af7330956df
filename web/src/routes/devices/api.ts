import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { SignInMethod } from '../../../../common/sessions';

export interface DeviceSession {
  id: number;
  browser: string;
  system: string;
  signInMethod: SignInMethod;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

const devicesKey = ['me', 'sessions'] as const;

export function useDevices() {
  return useQuery({ queryKey: devicesKey, queryFn: () => api.get<{ items: DeviceSession[] }>('/me/sessions') });
}

/** Ends one other session (`id`), or all of them (`'others'`). Both may first ask for the password (ReauthDialog). */
export function useEndSessions() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (which: number | 'others') =>
      api.delete<{ ended: number }>(which === 'others' ? '/me/other-sessions' : `/me/sessions/${which}`),
    onSettled: () => qc.invalidateQueries({ queryKey: devicesKey }),
  });
}
