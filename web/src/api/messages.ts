import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from './client';
import type { Page } from './types';

/** Private messages: inbox, conversations, unread badge, reports and their review. */

export interface Person { id: number; firstName: string; lastName: string }

/** `kind: 'system'`: a change of the group told by the server (body in French, author = who made it). */
export interface Message { id: number; authorId: number; kind: 'text' | 'system'; body: string; removed: boolean; createdAt: string }

export interface ConversationSummary {
  id: number;
  kind: 'direct' | 'group';
  title: string;
  participants: Person[];
  lastMessage: { authorId: number; kind: 'text' | 'system'; excerpt: string; createdAt: string } | null;
  unreadCount: number;
  lastMessageAt: string;
}

export interface Conversation {
  id: number;
  kind: 'direct' | 'group';
  title: string;
  participants: Person[];
  unreadCount: number;
  messages: Message[];
  nextCursor: string | null;
  can: { send: boolean; addParticipants: boolean; rename: boolean; leave: boolean };
}

export interface ReportedMessage {
  message: { id: number; conversationId: number; body: string; createdAt: string; removed: boolean };
  author: Person;
  reports: { reporter: Person; reasonCode: string; reasonLabel: string; comment: string; createdAt: string }[];
  oldestReportAt: string;
  /** False on one's own message or another national team member's: the server refuses the decision. */
  can: { decide: boolean };
}

/** Everything under this key is refreshed when the live stream says a message moved. */
export const messageKeys = {
  all: ['messages'] as const,
  unread: ['messages', 'unread'] as const,
  inbox: ['messages', 'inbox'] as const,
  conversation: (id: number) => ['messages', 'conversation', id] as const,
  reported: ['messages', 'reported'] as const,
};

export function useUnreadMessages(enabled: boolean) {
  return useQuery({ queryKey: messageKeys.unread, queryFn: () => api.get<{ unread: number }>('/messages/unread'), enabled });
}

export function useInbox() {
  return useInfiniteQuery({
    queryKey: messageKeys.inbox,
    queryFn: ({ pageParam }) => api.get<Page<ConversationSummary>>(`/conversations${qs({ cursor: pageParam })}`),
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
    mutationFn: (input: { memberIds: number[]; body: string; title?: string }) => api.create<{ conversationId: number; message: Message }>('/conversations', input),
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
    mutationFn: (memberIds: number[]) => api.post<{ added: Person[]; message: Message }>(`/conversations/${id}/participants`, { memberIds }),
    onSuccess: () => qc.invalidateQueries({ queryKey: messageKeys.all }),
  });
}

export function useRenameConversation(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (title: string) => api.patch<{ title: string; message: Message | null }>(`/conversations/${id}`, { title }),
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
    mutationFn: () => api.post<{ unread: number }>(`/conversations/${id}/read`),
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
    queryFn: ({ pageParam }) => api.get<Page<ReportedMessage>>(`/moderation/messages${qs({ cursor: pageParam })}`),
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
