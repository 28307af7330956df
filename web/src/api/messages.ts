import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from './client';
import type {
  Conversation, ConversationSummaryPage, Message, ParticipantsAdded, Renamed, ReportedMessagePage, Started, StartInput, Unread,
} from '../../../common/api/messages';

/** Private messages: inbox, conversations, unread badge, reports and their review. */

export type { Conversation, ConversationSummary, Message, Person, ReportedMessage } from '../../../common/api/messages';

/** Everything under this key is refreshed when the live stream says a message moved. */
export const messageKeys = {
  all: ['messages'] as const,
  unread: ['messages', 'unread'] as const,
  inbox: ['messages', 'inbox'] as const,
  conversation: (id: number) => ['messages', 'conversation', id] as const,
  reported: ['messages', 'reported'] as const,
};

export function useUnreadMessages(enabled: boolean) {
  return useQuery({ queryKey: messageKeys.unread, queryFn: () => api.get<Unread>('/messages/unread'), enabled });
}

export function useInbox() {
  return useInfiniteQuery({
    queryKey: messageKeys.inbox,
    queryFn: ({ pageParam }) => api.get<ConversationSummaryPage>(`/conversations${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useConversation(id: number) {
  return useQuery({ queryKey: messageKeys.conversation(id), queryFn: () => api.get<Conversation>(`/conversations/${id}`) });
}

export function useStartConversation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: StartInput) => api.create<Started>('/conversations', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: messageKeys.all }),
  });
}

export function useSendMessage(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api.create<Message>(`/conversations/${id}/messages`, { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: messageKeys.all }),
  });
}

export function useAddParticipants(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (memberIds: number[]) => api.post<ParticipantsAdded>(`/conversations/${id}/participants`, { memberIds }),
    onSuccess: () => qc.invalidateQueries({ queryKey: messageKeys.all }),
  });
}

export function useRenameConversation(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (title: string) => api.patch<Renamed>(`/conversations/${id}`, { title }),
    onSuccess: () => qc.invalidateQueries({ queryKey: messageKeys.all }),
  });
}

/** After leaving, the conversation is no longer readable: its cached copy is dropped, not refetched. */
export function useLeaveConversation(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>(`/conversations/${id}/leave`),
    onSuccess: () => {
      qc.removeQueries({ queryKey: messageKeys.conversation(id) });
      void qc.invalidateQueries({ queryKey: messageKeys.inbox });
      void qc.invalidateQueries({ queryKey: messageKeys.unread });
    },
  });
}

export function useMarkConversationRead(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Unread>(`/conversations/${id}/read`),
    onSuccess: (data) => {
      qc.setQueryData(messageKeys.unread, data);
      void qc.invalidateQueries({ queryKey: messageKeys.inbox });
    },
  });
}

export function useReportMessage() {
  return useMutation({
    mutationFn: (input: { messageId: number; reasonCode: string; comment: string }) =>
      api.post(`/messages/${input.messageId}/report`, { reasonCode: input.reasonCode, comment: input.comment }),
  });
}

export function useReportedMessages() {
  return useInfiniteQuery({
    queryKey: messageKeys.reported,
    queryFn: ({ pageParam }) => api.get<ReportedMessagePage>(`/moderation/messages${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useDecideReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { messageId: number; action: 'keep' | 'remove'; reasonCode?: string }) =>
      api.post(`/moderation/messages/${input.messageId}/actions`, { action: input.action, ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: messageKeys.reported }),
  });
}
