import { Type } from 'typebox';
import { LIMITS } from '../../../../common/limits.js';
import { PLACE_MAX, PLACE_PATTERN } from './place.js';

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
