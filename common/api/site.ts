import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { Page } from './shared.js';

/** Route schemas of the site module: the server validates with them, the web client reads their types. */

export const LEGAL_SLUGS = ['mentions-legales', 'accessibilite', 'plan-accessibilite', 'donnees-personnelles', 'cgu', 'charte-editoriale'] as const;

export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9-]+$' }) });

export const PageBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    body: Type.String({ minLength: 1, maxLength: LIMITS.legalBody, pattern: '\\S' }),
  },
  { additionalProperties: false },
);

export const LegalPage = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  bodyHtml: Type.String(),
  bodyMd: Type.String(),
  version: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
  can: Type.Object({ edit: Type.Boolean() }),
});

export const OutboxItem = Type.Object({
  id: Type.Integer(),
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const OutboxPage = Page(OutboxItem);

/** The client's names for what it sends and reads. */
export type LegalPage = Static<typeof LegalPage>;
export type LegalPageInput = Static<typeof PageBody>;
export type OutboxMail = Static<typeof OutboxItem>;
export type OutboxPage = Static<typeof OutboxPage>;
