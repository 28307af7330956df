import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';

/** Route schemas of the anonymisation helper: the server validates with them, the web client reads their types. */

export const DetectBody = Type.Object({
  // A post body is the longest text the helper checks.
  text: Type.String({ maxLength: LIMITS.postBody }),
});

export const DetectionItem = Type.Object({
  kind: Type.Union([
    Type.Literal('email'), Type.Literal('phone'), Type.Literal('nir'), Type.Literal('address'),
    Type.Literal('civility_name'), Type.Literal('member'),
  ]),
  start: Type.Integer({ minimum: 0 }),
  end: Type.Integer({ minimum: 0 }),
  text: Type.String(),
  replacement: Type.String(),
});

export const DetectResponse = Type.Object({ items: Type.Array(DetectionItem) });

/** The client's names for what it reads. */
export type Detection = Static<typeof DetectionItem>;
export type PersonalDataKind = Detection['kind'];
export type DetectResponse = Static<typeof DetectResponse>;
