/**
 * Detection rules for likely personal data in French text. Every rule lives here, so the
 * writing helper, the moderation queue and the corpus test all agree. Rules favour
 * precision: a false alarm on every post would teach people to ignore the helper.
 */

export type PersonalDataKind = 'email' | 'phone' | 'nir' | 'address' | 'civility_name' | 'member';

export interface Detection {
  kind: PersonalDataKind;
  /** Offsets in UTF-16 code units, as JavaScript strings count them; end is exclusive. */
  start: number;
  end: number;
  text: string;
  replacement: string;
}

export const REPLACEMENTS: Record<Exclude<PersonalDataKind, 'civility_name'>, string> = {
  email: '[adresse électronique]',
  phone: '[téléphone]',
  nir: '[numéro de sécurité sociale]',
  address: '[adresse]',
  member: '[membre]',
};

/** When two rules claim overlapping text, the more specific one wins. */
const PRIORITY: Record<PersonalDataKind, number> = { email: 0, nir: 1, phone: 2, address: 3, civility_name: 4, member: 5 };

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?![\p{L}\p{N}])/gu;

// 06 12 34 56 78, 06.12.34.56.78, 01-23-45-67-89, 0612345678, +33 6 12 34 56 78, 0033 (0)6 12 34 56 78.
// The look-arounds keep it out of longer digit runs (SIRET, amounts, references).
// One separator throughout (or none), so "n° 06 2023 1145" stays a reference.
const PHONE = /(?<![\p{N}+])(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?|0)[1-9](?:\d{8}|([ \u00a0.-])\d{2}(?:\1\d{2}){3})(?![\p{N}])/gu;

// Sex digit, year, month (01-12, or 20-42/50-99 for unknown births), département (incl. 2A/2B),
// commune, order and key, with optional single separators between the groups.
const NIR = /(?<![\p{L}\p{N}])([12])[\s.]?(\d{2})[\s.]?(0[1-9]|1[0-2]|[2-9]\d)[\s.]?(\d{2}|2[ABab])[\s.]?(\d{3})[\s.]?(\d{3})[\s.]?(\d{2})(?![\p{L}\p{N}])/gu;

const STREET_TYPES = [
  'rue', 'avenue', 'av\\.', 'boulevard', 'bd', 'place', 'allée', 'allee', 'impasse', 'chemin', 'quai', 'cours', 'route',
  'square', 'passage', 'chaussée', 'faubourg', 'sentier', 'esplanade', 'promenade', 'parvis', 'rond-point', 'voie', 'résidence',
  'lotissement', 'hameau', 'villa', 'cité',
].map((t) => `[${t[0]}${t[0]!.toUpperCase()}]${t.slice(1)}`).join('|');
// Words that may appear inside a street name without a capital ("rue du 8 Mai 1945", "place de la République").
const PARTICLE = "(?:de|du|des|la|le|les|l['’]|d['’]|et|aux|au|sur|sous|en|\\d{1,4})";
const CAP_WORD = "\\p{Lu}[\\p{L}'’-]*";
// Optional postcode and city: "69003 Lyon", "75 011 Paris", "Saint-Étienne", "Le Havre".
const CITY = `(?:\\s*,\\s*|\\s+)(?:\\d{5}|\\d{2}\\s\\d{3})\\s+${CAP_WORD}(?:\\s+${CAP_WORD})?`;
const ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}])(\\d{1,4})(?:\\s?(?:bis|ter|quater|[A-D])(?![\\p{L}]))?,?\\s+(?:${STREET_TYPES})(?![\\p{L}])` +
  `((?:\\s+(?:${PARTICLE}\\s*)*${CAP_WORD})+)(${CITY})?`,
  'gu',
);

const CIVILITY = /(?<![\p{L}\p{N}])(M\.|Mme|Mlle|Monsieur|Madame|Mademoiselle|Dr\.?|Docteur|Me|Maître|Pr\.?|Professeur)\s+((?:\p{Lu}\.\s*)?(?:(?:de|du|d['’]|van|von|di|da)\s*)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2})/gu;

/** A capitalised word after a civility that is a function, not a name: "M. le Maire" is already excluded by case. */
const NOT_A_NAME = new Set([
  'le', 'la', 'les', 'l', 'maire', 'adjoint', 'adjointe', 'préfet', 'préfète', 'président', 'présidente', 'directeur', 'directrice',
  'ministre', 'sénateur', 'sénatrice', 'député', 'députée', 'conseiller', 'conseillère', 'secrétaire', 'dgs', 'dga', 'élu', 'élue',
  'responsable', 'chef', 'cheffe', 'inspecteur', 'inspectrice', 'juge', 'procureur', 'procureure', 'recteur', 'rectrice', 'sous-préfet',
  'vice-président', 'vice-présidente', 'trésorier', 'trésorière', 'délégué', 'déléguée', 'commissaire', 'médecin', 'x', 'y', 'z',
]);

/** Articles start a function ("M. le Maire") but belong to surnames inside a name ("Le Goff"). */
const ARTICLES = new Set(['le', 'la', 'les', 'l']);

function valid<T>(v: T | undefined | null): v is T {
  return v !== undefined && v !== null;
}

function nirKeyOk(m: RegExpExecArray): boolean {
  const [, sex, year, month, dept, commune, order, key] = m;
  // Corsica: 2A counts as 19 and 2B as 18 in the key computation.
  const deptDigits = dept!.toUpperCase() === '2A' ? '19' : dept!.toUpperCase() === '2B' ? '18' : dept!;
  const body = BigInt(`${sex}${year}${month}${deptDigits}${commune}${order}`);
  return 97n - (body % 97n) === BigInt(key!);
}

function collect(text: string, re: RegExp, make: (m: RegExpExecArray) => Detection | null): Detection[] {
  const out: Detection[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const d = make(m);
    if (d) out.push(d);
  }
  return out;
}

function at(kind: PersonalDataKind, m: RegExpExecArray, replacement: string): Detection {
  return { kind, start: m.index, end: m.index + m[0].length, text: m[0], replacement };
}

function detectEmails(text: string): Detection[] {
  return collect(text, EMAIL, (m) => at('email', m, REPLACEMENTS.email));
}

function detectPhones(text: string): Detection[] {
  return collect(text, PHONE, (m) => at('phone', m, REPLACEMENTS.phone));
}

function detectNirs(text: string): Detection[] {
  return collect(text, NIR, (m) => (nirKeyOk(m) ? at('nir', m, REPLACEMENTS.nir) : null));
}

function detectAddresses(text: string): Detection[] {
  return collect(text, ADDRESS, (m) => {
    const n = Number(m[1]);
    // "inauguré en 2019 place Bellecour": a year before a street type is a date, not a house number.
    if (m[1]!.length === 4 && n >= 1900 && n <= 2099) return null;
    const raw = m[0].replace(/[\s,]+$/u, '');
    return { kind: 'address', start: m.index, end: m.index + raw.length, text: raw, replacement: REPLACEMENTS.address };
  });
}

function detectCivilityNames(text: string): Detection[] {
  return collect(text, CIVILITY, (m) => {
    const civility = m[1]!;
    const name = m[2]!;
    const words = name.split(/\s+/u).map((w) => w.toLowerCase().replace(/[.'’]+$/u, ''));
    if (NOT_A_NAME.has(words[0]!) || words.every((w) => w.length <= 1)) return null;
    // Stop at the first function word so "Mme Durand Présidente" keeps the name only.
    let kept = name;
    const cut = words.findIndex((w, i) => i > 0 && NOT_A_NAME.has(w) && !ARTICLES.has(w));
    if (cut > 0) kept = name.split(/\s+/u).slice(0, cut).join(' ');
    const full = m[0].slice(0, m[0].length - name.length) + kept;
    return { kind: 'civility_name', start: m.index, end: m.index + full.length, text: full, replacement: `${civility} [nom]` };
  });
}

const MAX_CANDIDATES = 300;

/**
 * Runs of two or three consecutive capitalised words ("Claire Martin", "Jean-Pierre Le Goff"):
 * the only places a member's first and last name can appear. Bounded so a long text
 * cannot turn into a huge query.
 */
export function nameCandidates(text: string): { text: string; start: number; end: number }[] {
  const words: { w: string; start: number; end: number }[] = [];
  const re = /[\p{L}'’-]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    words.push({ w: m[0], start: m.index, end: m.index + m[0].length });
  }
  const out: { text: string; start: number; end: number }[] = [];
  const isCap = (w: string) => /^\p{Lu}/u.test(w) && w.length > 1;
  for (let i = 0; i < words.length && out.length < MAX_CANDIDATES; i++) {
    if (!isCap(words[i]!.w)) continue;
    for (let len = 2; len <= 3 && i + len - 1 < words.length; len++) {
      const last = words[i + len - 1]!;
      const slice = words.slice(i, i + len);
      // Only words separated by plain spaces belong to one name.
      const gapsOk = slice.every((x, k) => k === 0 || /^[ \u00a0]+$/u.test(text.slice(slice[k - 1]!.end, x.start)));
      if (!gapsOk || !isCap(last.w)) break;
      out.push({ text: text.slice(words[i]!.start, last.end), start: words[i]!.start, end: last.end });
    }
  }
  return out;
}

/** Normalised comparison key for names, the same as the SQL side (lower + unaccent). */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae').normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/gu, ' ').trim();
}

/** Member detections for the candidates whose key is in `memberKeys`. */
export function detectMembers(text: string, memberKeys: Set<string>): Detection[] {
  return nameCandidates(text)
    .filter((c) => memberKeys.has(nameKey(c.text)))
    .map((c) => ({ kind: 'member' as const, start: c.start, end: c.end, text: c.text, replacement: REPLACEMENTS.member }));
}

/** Keeps the strongest of overlapping detections, in text order. */
export function resolveOverlaps(all: Detection[]): Detection[] {
  const ranked = [...all].sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept: Detection[] = [];
  for (const d of ranked) {
    if (!kept.some((k) => d.start < k.end && k.start < d.end)) kept.push(d);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Every rule that needs no database, then members when their keys are given. */
export function detectInText(text: string, memberKeys: Set<string> = new Set()): Detection[] {
  return resolveOverlaps([
    detectEmails(text), detectPhones(text), detectNirs(text), detectAddresses(text), detectCivilityNames(text),
    detectMembers(text, memberKeys),
  ].flat().filter(valid));
}

/** Applies accepted detections (non-overlapping) to the text, from the end so offsets stay right. */
export function applyRedactions(text: string, accepted: Pick<Detection, 'start' | 'end' | 'replacement'>[]): string {
  let out = text;
  for (const d of [...accepted].sort((a, b) => b.start - a.start)) out = out.slice(0, d.start) + d.replacement + out.slice(d.end);
  return out;
}
