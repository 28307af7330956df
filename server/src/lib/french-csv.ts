/**
 * CSV in the French convention, which LibreOffice and Excel set to French read without an import dialog:
 * UTF-8 with a BOM, semicolons, CRLF, a decimal comma (« 0.1875 » would be read as text, or as a date).
 * Values are plain numbers, without thousands separators.
 */
export type CsvValue = string | number | null;

export function frenchCsvCell(v: CsvValue): string {
  // A text starting with = + - @ would run as a formula (titles and answers are written by members): quoted as text.
  const s = v === null ? '' : typeof v === 'number' ? String(v).replace('.', ',') : /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function frenchCsv(rows: CsvValue[][]): Buffer {
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(frenchCsvCell).join(';')).join('\r\n')}\r\n`, 'utf8');
}
