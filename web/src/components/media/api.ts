import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ERRORS, type ErrorCode } from '../../../../common/errors';
import { api, ApiError } from '../../api/client';
import type { AttachmentFamily, AttachmentFormat } from '../../../../common/attachments';

export interface Attachment {
  id: number;
  postId: number | null;
  url: string;
  mime: string;
  family: AttachmentFamily;
  size: number;
  name: string;
  alt: string;
  longDescHtml: string;
  format: AttachmentFormat;
  createdAt: string;
  can: { delete: boolean };
}

export interface Embed {
  position: number;
  provider: string;
  url: string;
  embedUrl: string;
  title: string;
}

export interface PostMedia {
  attachments: Attachment[];
  embeds: Embed[];
  can: { manage: boolean };
}

export const mediaKey = (postId: number) => ['post', postId, 'media'] as const;

export function usePostMedia(postId: number) {
  return useQuery({ queryKey: mediaKey(postId), queryFn: () => api.get<PostMedia>(`/posts/${postId}/media`) });
}

/**
 * Multipart upload. The shared client speaks JSON only, so this reads the session's CSRF token
 * itself (GET /api/session) and sends the form data as the browser builds it.
 */
async function uploadFile(slug: string, data: FormData): Promise<Attachment> {
  let response: Response;
  try {
    const session = (await (await fetch('/api/session', { credentials: 'same-origin', headers: { accept: 'application/json' } })).json()) as { csrfToken?: string | null };
    response = await fetch(`/api/communities/${encodeURIComponent(slug)}/attachments`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}) },
      body: data,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.');
  }
  const body = (await response.json().catch(() => ({}))) as Partial<Attachment> & { code?: string; message?: string; fields?: Record<string, string> };
  if (!response.ok) {
    const code = body.code ?? (response.status === 413 ? 'FILE_TOO_LARGE' : 'INTERNAL');
    throw new ApiError(response.status, code, body.message ?? ERRORS[code as ErrorCode]?.message ?? ERRORS.INTERNAL.message, body.fields ?? {});
  }
  return body as Attachment;
}

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
    mutationFn: (items: { url: string; title?: string }[]) => api.put<PostMedia>(`/posts/${postId}/embeds`, { items }),
    onSuccess: (media) => qc.setQueryData(mediaKey(postId), media),
  });
}
