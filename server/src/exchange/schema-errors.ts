/** The first JSON Schema error of a line, said in French with the field it is about. */
import type { Validator } from 'typebox/compile';

const MESSAGES: Record<string, (params: Record<string, unknown>) => string> = {
  required: (p) => `champ obligatoire absent : ${(p.requiredProperties as string[] | undefined)?.join(', ') ?? ''}`,
  additionalProperties: (p) => `champ inconnu : ${(p.additionalProperties as string[] | undefined)?.join(', ') ?? ''}`,
  format: (p) => `valeur invalide (format ${String(p.format)}${p.format === 'date-time' || p.format === 'date' ? ' : date impossible ou mal écrite' : ''})`,
  pattern: () => 'valeur mal formée',
  type: (p) => `type attendu : ${String(p.type)}`,
  maxLength: (p) => `texte trop long (au plus ${String(p.limit)} caractères)`,
  minLength: () => 'texte vide',
  maxItems: (p) => `trop d’éléments (au plus ${String(p.limit)})`,
  minItems: (p) => `pas assez d’éléments (au moins ${String(p.limit)})`,
  minimum: (p) => `valeur trop petite (au moins ${String(p.limit)})`,
  const: () => 'valeur non autorisée',
  anyOf: () => 'valeur non autorisée',
};

export function schemaProblem(validator: Validator, value: unknown): string | null {
  if (validator.Check(value)) return null;
  const errors = [...validator.Errors(value)].filter((e) => e.keyword !== 'boolean');
  const e = errors.find((x) => x.keyword !== 'anyOf') ?? errors[0];
  if (!e) return 'ligne non conforme au schéma';
  const say = MESSAGES[e.keyword];
  return `${e.instancePath || '/'} : ${say ? say(e.params as Record<string, unknown>) : e.message}`;
}
