import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, upload } from '../../api/client';
import type { Attachment, Embed, EmbedsInput, PostMedia } from '../../../../common/api/attachments';

export type { Attachment, Embed, PostMedia };

export const mediaKey = (postId: number) => ['post', postId, 'media'] as const;

export function usePostMedia(postId: number) {
  return useQuery({ queryKey: mediaKey(postId), queryFn: () => api.get<PostMedia>(`/posts/${postId}/media`) });
}

const uploadFile = (slug: string, data: FormData) => upload<Attachment>(`/communities/${encodeURIComponent(slug)}/attachments`, data);

/** Uploads a file then appends it to the post's attachments, in one user action. */
export function useAddAttachment(postId: number, slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (data: FormData) => {
      const uploaded = await uploadFile(slug, data);
      const current = qc.getQueryData<PostMedia>(mediaKey(postId))?.attachments.map((a) => a.id) ?? [];
      return api.put<PostMedia>(`/posts/${postId}/attachments`, { ids: [...current, uploaded.id] });
    },
    onSuccess: (media) => qc.setQueryData(mediaKey(postId), media),
  });
}

export function useSetAttachments(postId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[]) => api.put<PostMedia>(`/posts/${postId}/attachments`, { ids }),
    onSuccess: (media) => qc.setQueryData(mediaKey(postId), media),
  });
}

export function useSetEmbeds(postId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (items: EmbedsInput['items']) => api.put<PostMedia>(`/posts/${postId}/embeds`, { items }),
    onSuccess: (media) => qc.setQueryData(mediaKey(postId), media),
  });
}
