import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileTypeFromFile } from 'file-type';
import { ALLOWED_TYPES, allowedType, FORMAT_FAMILIES, LONG_DESC_REQUIRED, type AllowedType, type AttachmentFormat } from '../../../../common/attachments.js';
import { LIMITS } from '../../../../common/limits.js';
import { AppError } from '../../lib/errors.js';
import { tooLargeMessage, type ReceivedFile } from './receive.js';
import { checkImagePixels } from './image-dimensions.js';

/**
 * Decides what a received file is from its bytes alone (magic numbers; office documents from the
 * entries of their zip), then checks that the name and declared type the client sent do not
 * say otherwise: a "photo.png" that is a PDF is refused rather than silently renamed.
 */
export async function checkType(file: ReceivedFile): Promise<AllowedType> {
  const ext = extname(file.filename).slice(1).toLowerCase();
  const sniffed = await fileTypeFromFile(file.tmpPath);
  const type = sniffed ? allowedType(sniffed.mime) : undefined;
  const extClaimsAllowed = ALLOWED_TYPES.some((t) => t.exts.includes(ext));
  if (!type) throw new AppError(extClaimsAllowed ? 'FILE_TYPE_MISMATCH' : 'FILE_TYPE_NOT_ALLOWED');
  if (ext && !type.exts.includes(ext)) throw new AppError('FILE_TYPE_MISMATCH');
  // Only a declared type we know can contradict the content; browsers send octet-stream for much.
  if (allowedType(file.claimedMime) && file.claimedMime !== type.mime) throw new AppError('FILE_TYPE_MISMATCH');
  const max = type.family === 'image' ? LIMITS.attachmentImageBytes : LIMITS.attachmentDocumentBytes;
  if (file.size > max) throw new AppError('FILE_TOO_LARGE', tooLargeMessage(max, type.family === 'image' ? 'Une image' : 'Ce document'));
  // Read from the header, before anything decodes the image (strip-metadata, then every browser showing it).
  if (type.family === 'image') checkImagePixels(await readFile(file.tmpPath), type.mime);
  return type;
}

export interface DescribedFields {
  format: AttachmentFormat;
  alt: string;
  longDescMd: string;
}

/** The accessibility rules: images need an alternative, complex visuals a full text description. */
export function checkDescription(type: AllowedType, fields: Record<string, string>): DescribedFields {
  const format = (fields.format || (type.family === 'image' ? 'image' : 'document')) as AttachmentFormat;
  const families = FORMAT_FAMILIES[format];
  if (!families) throw new AppError('FORMAT_INVALID', 'Format inconnu.', { format: 'Valeur non autorisée.' });
  if (!families.includes(type.family)) throw new AppError('FORMAT_INVALID', undefined, { format: 'Ce format ne convient pas à ce fichier.' });
  const alt = (fields.alt ?? '').trim();
  const longDescMd = (fields.longDesc ?? '').trim();
  if (alt.length > LIMITS.attachmentAlt) throw new AppError('VALIDATION_FAILED', undefined, { alt: `Au plus ${LIMITS.attachmentAlt} caractères.` });
  if (longDescMd.length > LIMITS.attachmentLongDesc) {
    throw new AppError('VALIDATION_FAILED', undefined, { longDesc: `Au plus ${LIMITS.attachmentLongDesc} caractères.` });
  }
  if (type.family === 'image' && !alt) throw new AppError('ALT_REQUIRED', undefined, { alt: 'Le texte alternatif est obligatoire pour une image.' });
  if (LONG_DESC_REQUIRED.includes(format) && !longDescMd) {
    throw new AppError('LONG_DESC_REQUIRED', undefined, { longDesc: 'La description complète est obligatoire pour ce format.' });
  }
  return { format, alt, longDescMd };
}

/** A displayable file name carrying the extension of its real type. */
export function safeFilename(name: string, type: AllowedType): string {
  // Keep letters of any script, digits and a few separators; drop paths and control characters.
  const base = name.split(/[\\/]/).pop()!.replace(/[\p{Cc}\p{Cf}"<>|:*?]/gu, '').trim().slice(0, LIMITS.attachmentName - 6);
  const ext = extname(base).slice(1).toLowerCase();
  const stem = ext ? base.slice(0, -(ext.length + 1)) : base;
  return `${stem || 'fichier'}.${type.exts.includes(ext) ? ext : type.exts[0]}`;
}
