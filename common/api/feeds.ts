import { Type, type Static } from 'typebox';

/**
 * Response schemas of the feeds module's private subscription addresses (the Atom feeds themselves are XML):
 * the server serializes with them, the web client reads their types.
 */

export const FeedTokenState = Type.Object({ createdAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) });
export const NewFeedToken = Type.Object({
  createdAt: Type.String({ format: 'date-time' }),
  agendaUrl: Type.String(),
  atomUrl: Type.String(),
});

/** The client's names for what it reads. */
export type FeedTokenState = Static<typeof FeedTokenState>;
export type NewFeedToken = Static<typeof NewFeedToken>;
