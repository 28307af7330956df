import { Type, type Static } from 'typebox';

/**
 * Route schemas of « Mes appareils » (a member's open sessions): the only definition of their shapes. The server
 * validates with them, the web client reads their types.
 */

export const DeviceSession = Type.Object({
  id: Type.Integer(),
  browser: Type.String(),
  system: Type.String(),
  signInMethod: Type.Union([Type.Literal('password'), Type.Literal('proconnect'), Type.Literal('passkey')]),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  /** The session of the browser asking: « cet appareil ». */
  current: Type.Boolean(),
});
export const DeviceSessionList = Type.Object({ items: Type.Array(DeviceSession) });
export const Ended = Type.Object({ ended: Type.Integer() });

/** The client's names for what it reads. */
export type DeviceSession = Static<typeof DeviceSession>;
export type DeviceSessionList = Static<typeof DeviceSessionList>;
export type Ended = Static<typeof Ended>;
