import { Type, type Static } from 'typebox';
import { Page } from './shared.js';

/**
 * Route schemas of the privacy module (legal pages' versions, CGU acceptance, account deletion, data export):
 * the only definition of their shapes. The server validates with them, the web client reads their types.
 */

const date = Type.String({ format: 'date-time' });
const slug = Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9-]+$' });

export const SlugParam = Type.Object({ slug });
export const VersionParams = Type.Object({ slug, version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) });

export const LegalVersionItem = Type.Object({
  version: Type.Integer(),
  title: Type.String(),
  /** When this version came into force. */
  publishedAt: date,
  current: Type.Boolean(),
});

export const LegalVersionItemPage = Page(LegalVersionItem);

export const LegalVersion = Type.Object({
  slug: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  bodyHtml: Type.String(),
  publishedAt: date,
  /** When the next version replaced it; null for the version in force. */
  replacedAt: Type.Union([date, Type.Null()]),
  current: Type.Boolean(),
});

export const CguToAccept = Type.Object({ version: Type.Integer(), title: Type.String() });

export const CguAcceptanceBody = Type.Object({ version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }, { additionalProperties: false });

export const DeleteAccountBody = Type.Object(
  {
    deleteContent: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** The export file is built as text (see export.ts); this only documents its top level. */
export const ExportFile = Type.Object({}, {
  additionalProperties: true,
  description: 'Fichier JSON de toutes les données du membre (profil, e-communautés, publications, commentaires…)',
});

/** The client's names for what it sends and reads. */
export type LegalVersionItem = Static<typeof LegalVersionItem>;
export type LegalVersionItemPage = Static<typeof LegalVersionItemPage>;
export type LegalVersion = Static<typeof LegalVersion>;
export type CguToAccept = Static<typeof CguToAccept>;
export type DeleteAccountInput = Static<typeof DeleteAccountBody>;
