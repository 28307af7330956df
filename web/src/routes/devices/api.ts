import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { DeviceSessionList, Ended } from '../../../../common/api/devices';

export type { DeviceSession } from '../../../../common/api/devices';

const devicesKey = ['me', 'sessions'] as const;

export function useDevices() {
  return useQuery({ queryKey: devicesKey, queryFn: () => api.get<DeviceSessionList>('/me/sessions') });
}

/** Ends one other session (`id`), or all of them (`'others'`). Both may first ask for the password (ReauthDialog). */
export function useEndSessions() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (which: number | 'others') =>
      api.delete<Ended>(which === 'others' ? '/me/other-sessions' : `/me/sessions/${which}`),
    onSettled: () => qc.invalidateQueries({ queryKey: devicesKey }),
  });
}
