/**
 * Reading a member list exported from a spreadsheet. French spreadsheets write « ; » between cells (the comma is
 * the decimal mark), others « , »; both come as UTF-8, Excel adding a byte order mark. Cells may be quoted
 * (RFC 4180: a quote inside is doubled, a quoted cell may hold the separator or a line break).
 */

export interface CsvLine {
  /** Line number in the file (1 = first line), for the messages. */
  line: number;
  cells: string[];
}

/** The separator of the first line: the one of « ; » and « , » that appears outside quotes most. */
function guessSeparator(text: string): ';' | ',' {
  let semi = 0;
  let comma = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semi += 1;
    else if (!quoted && ch === ',') comma += 1;
  }
  return semi >= comma && semi > 0 ? ';' : comma > 0 ? ',' : ';';
}

/** Every non-empty line of the file, its cells trimmed. */
export function parseCsv(input: string): CsvLine[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const sep = guessSeparator(text);
  const out: CsvLine[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) out.push({ line: startLine, cells: cells.map((c) => c.trim()) });
    cells = [];
    cell = '';
    startLine = line;
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 1; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line += 1; cell += ch; }
    } else if (ch === '"' && cell.trim() === '') { cell = ''; quoted = true; }
    else if (ch === sep) { cells.push(cell); cell = ''; }
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      line += 1;
      endRow();
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return out;
}

export type Column = 'email' | 'firstName' | 'lastName' | 'employer' | 'community';

/** Column titles people write, compared without accents, case, spaces or dashes. */
const TITLES: Record<string, Column> = {
  email: 'email', mail: 'email', courriel: 'email', adressecourriel: 'email', adresseelectronique: 'email', adressemail: 'email', adresseemail: 'email',
  prenom: 'firstName', nom: 'lastName', nomdefamille: 'lastName', employeur: 'employer', collectivite: 'employer', organisme: 'employer',
  structure: 'employer', communaute: 'community', ecommunaute: 'community', slug: 'community', communauteslug: 'community',
};

const titleKey = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]/g, '');

/** Default order when the file has no title line: e-mail, prénom, nom, employeur, communauté. */
const POSITIONAL: Column[] = ['email', 'firstName', 'lastName', 'employer', 'community'];

/**
 * Which cell holds what. A first line whose cells are column titles names them (any order); otherwise the
 * file is read in the documented order and its first line is data.
 */
export function columnsOf(first: CsvLine | undefined): { columns: (Column | null)[]; hasTitles: boolean } {
  if (!first) return { columns: POSITIONAL, hasTitles: false };
  const named = first.cells.map((c) => TITLES[titleKey(c)] ?? null);
  if (named.includes('email')) return { columns: named, hasTitles: true };
  return { columns: POSITIONAL, hasTitles: false };
}

/**
 * The form under which two addresses are the same person: Unicode compatibility form (a full-width « ＠ » or a
 * ligature copied from a word processor), no surrounding spaces, lower case.
 */
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}
