import { Type, type Static } from 'typebox';
import { Id } from './shared.js';

/**
 * Route schemas of the e-mail preferences (frequency per community, one-click unsubscribe): the only definition
 * of their shapes. The server validates with them, the web client reads their types.
 */

export const Frequency = Type.Union([Type.Literal('immediately'), Type.Literal('daily'), Type.Literal('weekly'), Type.Literal('never')]);
export const Preference = Type.Object({
  communityId: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  frequency: Frequency,
  chosen: Type.Boolean(),
});
export const PreferenceList = Type.Object({ items: Type.Array(Preference) });
export const CommunityIdParam = Type.Object({ communityId: Id });
export const PreferenceBody = Type.Object({ frequency: Frequency }, { additionalProperties: false });
export const TokenQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
export const Unsubscribed = Type.Object({ ok: Type.Literal(true), communityName: Type.String() });

/** The client's names for what it sends and reads. */
export type Frequency = Static<typeof Frequency>;
export type EmailPreference = Static<typeof Preference>;
export type EmailPreferenceList = Static<typeof PreferenceList>;
export type PreferenceInput = Static<typeof PreferenceBody>;
export type Unsubscribed = Static<typeof Unsubscribed>;
