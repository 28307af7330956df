/**
 * Attachment types, formats and embed providers shared by the API and the web client,
 * so the form offers exactly what the server accepts.
 */

export type AttachmentFamily = 'image' | 'pdf' | 'office';

export interface AllowedType {
  mime: string;
  /** Extensions a file of this type may carry; the first one is used for downloads. */
  exts: readonly string[];
  family: AttachmentFamily;
  /** Short French label for file lists ("PDF, 1,2 Mo"). */
  label: string;
}

/** Every type accepted, keyed by the MIME type sniffed from the content. */
export const ALLOWED_TYPES: readonly AllowedType[] = [
  { mime: 'image/png', exts: ['png'], family: 'image', label: 'Image PNG' },
  { mime: 'image/jpeg', exts: ['jpg', 'jpeg'], family: 'image', label: 'Image JPEG' },
  { mime: 'image/webp', exts: ['webp'], family: 'image', label: 'Image WebP' },
  { mime: 'image/gif', exts: ['gif'], family: 'image', label: 'Image GIF' },
  { mime: 'application/pdf', exts: ['pdf'], family: 'pdf', label: 'PDF' },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', exts: ['docx'], family: 'office', label: 'Document Word' },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', exts: ['xlsx'], family: 'office', label: 'Classeur Excel' },
  { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', exts: ['pptx'], family: 'office', label: 'Présentation PowerPoint' },
  { mime: 'application/vnd.oasis.opendocument.text', exts: ['odt'], family: 'office', label: 'Texte OpenDocument' },
  { mime: 'application/vnd.oasis.opendocument.spreadsheet', exts: ['ods'], family: 'office', label: 'Classeur OpenDocument' },
  { mime: 'application/vnd.oasis.opendocument.presentation', exts: ['odp'], family: 'office', label: 'Présentation OpenDocument' },
];

export function allowedType(mime: string): AllowedType | undefined {
  return ALLOWED_TYPES.find((t) => t.mime === mime);
}

const accept = (types: readonly AllowedType[]) => types.flatMap((t) => [t.mime, ...t.exts.map((e) => `.${e}`)]).join(',');

/** The `accept` attribute of the file input. */
export const ACCEPT_ATTRIBUTE = accept(ALLOWED_TYPES);
/** The same for an image placed in a text. */
export const IMAGE_ACCEPT_ATTRIBUTE = accept(ALLOWED_TYPES.filter((t) => t.family === 'image'));

export const ATTACHMENT_FORMATS = ['document', 'image', 'carte-mentale', 'infographie', 'carte'] as const;
export type AttachmentFormat = (typeof ATTACHMENT_FORMATS)[number];

export const FORMAT_LABELS: Record<AttachmentFormat, string> = {
  document: 'Document',
  image: 'Image',
  'carte-mentale': 'Carte mentale',
  infographie: 'Infographie',
  carte: 'Carte',
};

/** Visual formats whose content must also be given as text (RGAA: complex images need a long description). */
export const LONG_DESC_REQUIRED: readonly AttachmentFormat[] = ['carte-mentale', 'infographie'];

/** Which families each format may hold. */
export const FORMAT_FAMILIES: Record<AttachmentFormat, readonly AttachmentFamily[]> = {
  document: ['pdf', 'office'],
  image: ['image'],
  'carte-mentale': ['image', 'pdf'],
  infographie: ['image', 'pdf'],
  carte: ['image', 'pdf'],
};

export type EmbedProvider = 'youtube' | 'vimeo' | 'dailymotion' | 'peertube' | 'umap' | 'openstreetmap';

export const EMBED_PROVIDERS: Record<EmbedProvider, { label: string; media: 'video' | 'map' }> = {
  youtube: { label: 'YouTube', media: 'video' },
  vimeo: { label: 'Vimeo', media: 'video' },
  dailymotion: { label: 'Dailymotion', media: 'video' },
  peertube: { label: 'PeerTube', media: 'video' },
  umap: { label: 'uMap', media: 'map' },
  openstreetmap: { label: 'OpenStreetMap', media: 'map' },
};

/** "1,2 Mo", "830 ko": sizes as a French reader expects them. */
export function formatFileSize(bytes: number): string {
  const fmt = (n: number, digits: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${fmt(Math.round(bytes / 1024), 0)} ko`;
  return `${fmt(bytes / (1024 * 1024), 1)} Mo`;
}
