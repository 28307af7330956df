import { Type } from 'typebox';
import { LIMITS } from '../../../../common/limits.js';

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
