/**
 * Values for the fuzzer and the authorization matrix, drawn from the OpenAPI schemas with a seeded PRNG
 * so that a failing run is replayed exactly from its seed.
 */

export type Schema = Record<string, any>;

/** mulberry32: tiny, fast and good enough to spread requests; the point is reproducibility. */
export class Rng {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const WORDS = ['agent', 'mairie', 'voirie', 'budget', 'école', 'marché', 'réunion', 'veille', 'déchets', 'élus', 'crèche', 'sport'];

/** Strings that broke or could break something below the schema: kept in one list so every string field meets them. */
export const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', '\t\n', 'a\u0000b', '\u0000', '%00', '../../etc/passwd', '..%2f..%2f', '%2e%2e/%2e%2e', "' OR 1=1 --", '"; DROP TABLE users; --',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '{{7*7}}', '${jndi:ldap://127.0.0.1/a}', '\\', '\\u0000', '%',
  '\u202e\u0645\u0631\u062d\u0628\u0627', '\ud83d\ude00'.repeat(50), '\ud800', '\udfff', 'e\u0301\u0301\u0301\u0301', '\ufeff', '\u200b\u200b',
  'NaN', 'Infinity', '-1', '0', '1e309', '9'.repeat(40), '-0', '0xZZ', 'null', 'true', '[]', '{}', 'a'.repeat(70_000),
  'x'.repeat(1_000), 'javascript:alert(1)', 'file:///etc/passwd', 'http://169.254.169.254/latest/meta-data', 'http://[::1]:9/',
  'http://127.0.0.1:9/', 'http://0x7f000001:9/', 'mailto:a@b', 'a@b', '@', 'a'.repeat(300) + '@exemple.fr', '2026-02-30', '9999-99-99',
  '2026-13-01T25:61', '0000-00-00', '2026-W60', 'T', '::', '*', '?', '#', '&', '%ZZ', '\r\nSet-Cookie: a=b', 'ä'.repeat(300),
];

/**
 * Numbers outside every sane range, and types a JSON parser still accepts. No `true` and no '0x10': the
 * validator coerces them to small ids, which in the shared test database belong to other test files.
 */
export const HOSTILE_NUMBERS: readonly unknown[] = [
  0, -1, -0, 1.5, 2 ** 31, 2 ** 31 - 1, 2 ** 53, 2 ** 63, -(2 ** 63), 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2, 1e21, 5e-324, 0.1, 'NaN', '1e309', '12abc', '', null, false, [], {}, [1, 2], '0xZZ',
];

/** Any JSON value of the wrong kind: where the schema wants an object, a number arrives, and so on. */
export const WRONG_TYPES: readonly unknown[] = [null, false, 0, -1, 1e308, '', 'x', [], [null], {}, { a: 1 }, [[[]]], 'a\u0000b'];

function typeOf(schema: Schema): string | undefined {
  if (schema.type) return Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  if (schema.properties) return 'object';
  return undefined;
}

function firstVariant(schema: Schema, rng: Rng): Schema {
  const variants: Schema[] = schema.anyOf ?? schema.oneOf ?? schema.allOf ?? [];
  return variants.length ? rng.pick(variants) : schema;
}

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** A string accepted by the schema as far as a generator can tell: format first, then known patterns. */
function validString(schema: Schema, rng: Rng, name: string): string {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 200;
  if (schema.enum) return rng.pick(schema.enum);
  if (schema.const !== undefined) return schema.const;
  if (schema.format === 'email') return `fuzz${rng.int(0, 1e6)}@exemple.fr`;
  if (schema.format === 'date-time') return new Date(Date.now() + rng.int(1, 30) * 86_400_000).toISOString();
  if (schema.format === 'date') return isoDate(rng.int(1, 30));
  const pattern: string | undefined = schema.pattern;
  if (pattern) {
    if (pattern.includes('\\d{4}-\\d{2}-\\d{2}T')) return new Date(Date.now() + rng.int(2, 30) * 86_400_000).toISOString();
    if (pattern.includes('(0[1-9]|1[0-2])$')) return isoDate(-rng.int(0, 200)).slice(0, 7);
    if (pattern.includes('\\d{4}-\\d{2}-\\d{2}') || pattern.includes('(19|20|21)')) return isoDate(rng.int(1, 30));
    if (pattern.startsWith('^([01]\\d|2[0-3])') || pattern === '^\\d{2}:\\d{2}$') return `${String(rng.int(8, 18)).padStart(2, '0')}:${rng.pick(['00', '30'])}`;
    // A draft's place (drafts module): drafts are the person's own, the place need not exist.
    if (pattern.startsWith('^(post|comment|message):')) return `comment:${rng.int(1, 999)}`;
    if (pattern.startsWith('^https://')) return `https://exemple.invalid/${rng.int(0, 999)}.png`;
    if (pattern.startsWith('^[a-z0-9]+(-')) return `fuzz-${rng.int(0, 1e9).toString(36)}`;
    if (pattern.startsWith('^[a-z][a-z0-9_]*')) return `fuzz_${rng.int(0, 1e9).toString(36)}`;
    if (pattern.startsWith('^[A-Za-z0-9')) return `F${rng.int(0, 1e9).toString(36)}`.padEnd(Math.max(min, 1), 'a').slice(0, max);
  }
  if (/url$/i.test(name)) return 'http://127.0.0.1:9/fuzz';
  const words: string[] = [];
  const target = Math.min(max, Math.max(min, rng.int(1, 40)));
  while (words.join(' ').length < target) words.push(rng.pick(WORDS));
  let text = words.join(' ').slice(0, Math.max(target, 1));
  if (text.length < min) text = text.padEnd(min, 'a');
  return text.slice(0, max) || 'a';
}

/**
 * A value the schema accepts (the generator's best effort: business rules may still refuse it).
 * `minimal` leaves optional properties out: the authorization matrix wants the plainest valid request.
 */
export function validValue(schema: Schema, rng: Rng, name = '', depth = 0, minimal = false): unknown {
  if (schema.anyOf || schema.oneOf) return validValue(firstVariant(schema, rng), rng, name, depth, minimal);
  // A literal of any type (`acceptCgu: true`, which OpenAPI may spell `enum: [true]`): one of the values there are.
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && typeOf(schema) !== 'string') return rng.pick(schema.enum);
  if (schema.default !== undefined && (minimal || rng.chance(0.3))) return schema.default;
  switch (typeOf(schema)) {
    case 'string': return validString(schema, rng, name);
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
      const max = Math.min(schema.maximum ?? 1000, min + 1000);
      return rng.int(min, max);
    }
    case 'number': {
      const min = schema.minimum ?? schema.exclusiveMinimum ?? 0;
      const max = Math.min(schema.maximum ?? 1000, min + 100);
      const step = schema.multipleOf ?? 1;
      return Math.max(min + step, Math.min(max, Math.round(rng.int(min, max) / step) * step));
    }
    // A literal (acceptCgu: true; OpenAPI writes it as a one-value enum) has one valid value: a coin toss made the
    // matrix depend on the seed.
    case 'boolean': return schema.const ?? (schema.enum ? rng.pick(schema.enum) : rng.chance(0.5));
    case 'null': return null;
    case 'array': {
      const min = schema.minItems ?? 0;
      const n = Math.min(schema.maxItems ?? 3, Math.max(min, rng.int(min, min + 2)));
      const items = schema.items ?? {};
      const out: unknown[] = [];
      for (let i = 0; i < n && depth < 6; i += 1) out.push(validValue(items, rng, name, depth + 1, minimal));
      return schema.uniqueItems ? [...new Map(out.map((v) => [JSON.stringify(v), v])).values()] : out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set<string>(schema.required ?? []);
      for (const [key, sub] of Object.entries<Schema>(schema.properties ?? {})) {
        if (required.has(key) || (!minimal && rng.chance(0.5))) out[key] = validValue(sub, rng, key, depth + 1, minimal);
      }
      return out;
    }
    default: return rng.pick(WORDS);
  }
}

/** A value built to break the field: hostile strings, extreme numbers or the wrong type. */
export function hostileValue(schema: Schema, rng: Rng): unknown {
  const roll = rng.next();
  if (roll < 0.2) return rng.pick(WRONG_TYPES);
  const type = typeOf(schema.anyOf || schema.oneOf ? firstVariant(schema, rng) : schema);
  if (type === 'integer' || type === 'number') return rng.pick(HOSTILE_NUMBERS);
  if (type === 'array') return rng.chance(0.5) ? Array.from({ length: rng.int(0, 600) }, () => rng.pick(HOSTILE_NUMBERS)) : [rng.pick(HOSTILE_STRINGS)];
  return rng.pick(HOSTILE_STRINGS);
}
