import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { REPORT_SECTIONS } from '../reports.js';
import { Page } from './shared.js';

/**
 * Route schemas of the drafts module: the only definition of its request and response shapes. The server
 * validates with them, the web client reads their types.
 */

/** A draft's place (server: drafts/place.ts): `kind:id`, `report:id:section` for a report's section. */
export const PLACE_PATTERN = `^(post|comment|message):[1-9][0-9]{0,15}$|^report:[1-9][0-9]{0,15}:(${REPORT_SECTIONS.map((s) => s.key).join('|')})$`;

export const PLACE_MAX = LIMITS.draftPlace;

export const PlaceParam = Type.Object({ place: Type.String({ pattern: PLACE_PATTERN, maxLength: PLACE_MAX }) });

export const Draft = Type.Object({
  place: Type.String(),
  title: Type.String(),
  body: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const DraftState = Type.Object({ draft: Type.Union([Draft, Type.Null()]) });

export const SaveDraftBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: LIMITS.postTitle })),
  body: Type.String({ maxLength: LIMITS.draftBody }),
}, { additionalProperties: false });

export const Saved = Type.Object({ saved: Type.Boolean(), updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) });

export const DraftSummary = Type.Object({
  place: Type.String(),
  kind: Type.Union([Type.Literal('post'), Type.Literal('comment'), Type.Literal('message'), Type.Literal('report')]),
  title: Type.String(),
  excerpt: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
  target: Type.Union([Type.Object({ label: Type.String(), url: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  /** Null while the draft can be published where it was written; otherwise why not, in French. */
  unavailable: Type.Union([Type.String(), Type.Null()]),
});

export const DraftSummaryPage = Page(DraftSummary);

/** The client's names for what it sends and reads. */
export type Draft = Static<typeof Draft>;
export type DraftState = Static<typeof DraftState>;
export type DraftSummary = Static<typeof DraftSummary>;
export type DraftSummaryPage = Static<typeof DraftSummaryPage>;
export type SaveDraftInput = Static<typeof SaveDraftBody>;
export type Saved = Static<typeof Saved>;
