/**
 * Reads a CSV file as a spreadsheet set to French does when it opens it (LibreOffice Calc, Excel in fr-FR):
 * the text is UTF-8 only if it starts with a byte order mark (else accents come out garbled: refused here),
 * fields are separated by semicolons, quotes escape by doubling, and a cell becomes a number only if it is
 * written the French way — « 0,1875 » is a number, « 0.1875 » stays text (Excel even reads some as dates).
 */
export type SheetCell = number | string | null;

export function parseFrenchCsv(file: Buffer): SheetCell[][] {
  if (!(file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf)) throw new Error('CSV sans BOM UTF-8 : un tableur français le lirait en Windows-1252');
  const text = file.subarray(3).toString('utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ';') { row.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; }
    else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows.map((r) => r.map(cellOf));
}

function cellOf(raw: string): SheetCell {
  if (raw === '') return null;
  if (/^-?\d+(,\d+)?$/.test(raw)) return Number(raw.replace(',', '.'));
  return raw;
}
