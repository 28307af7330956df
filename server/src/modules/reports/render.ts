import type { Paragraph, Table } from 'docx';
import type { ReportDocument } from './document.js';
import { frenchCsv, type CsvValue } from '../../lib/french-csv.js';

/** PDF, DOCX and CSV renderings of one ReportDocument. */

/** The figures as CSV in the French convention (lib/french-csv.ts), the unit of each value in its own column. */
export function renderCsv(doc: ReportDocument): Buffer {
  const rows: CsvValue[][] = [['rubrique', 'indicateur', 'valeur', 'unité']];
  for (const t of doc.figures) for (const r of t.rows) rows.push([r.section, r.label, r.raw, r.unit]);
  return frenchCsv(rows);
}

/**
 * PDF's standard fonts (Helvetica) encode WinAnsi, which covers French (é, à, ç, œ, «, », ’…).
 * Intl's narrow no-break spaces become plain spaces; anything else outside WinAnsi becomes "?".
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export function pdfText(s: string): string {
  return s.replace(/[\u202f\u2009\u2007]/g, ' ').replace(/[^\n]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch) ? ch : '?';
  });
}

const ACCENT = '#1f4e79';

// pdfkit and docx are loaded on the first export, not at start: together they weigh ~30 MB of
// resident memory that an API instance serving pages never needs.
export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({ size: 'A4', margin: 50, info: { Title: pdfText(doc.title), Creator: 'e-communautés' }, lang: 'fr-FR' } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  const width = pdf.page.width - 100;

  pdf.font('Helvetica-Bold').fontSize(18).fillColor(ACCENT).text(pdfText(doc.title));
  pdf.moveDown(0.5).font('Helvetica').fontSize(10).fillColor('#333');
  for (const m of doc.meta) pdf.text(pdfText(m));

  drawChart(pdf, doc.chart, width);

  for (const table of doc.figures) {
    if (table.rows.length === 0) continue;
    heading(pdf, table.heading);
    for (const r of table.rows) {
      if (pdf.y > pdf.page.height - 70) pdf.addPage();
      const y = pdf.y;
      pdf.font('Helvetica').fontSize(10).fillColor('#222').text(pdfText(r.label), 50, y, { width: width - 110 });
      const after = pdf.y;
      pdf.font('Helvetica-Bold').text(pdfText(r.value), 50 + width - 100, y, { width: 100, align: 'right' });
      pdf.y = Math.max(after, pdf.y) + 2;
    }
  }
  for (const t of doc.texts) {
    heading(pdf, t.heading);
    pdf.font('Helvetica').fontSize(10).fillColor('#222').text(pdfText(t.body), 50, pdf.y, { width });
  }
  pdf.end();
  return done;
}

function heading(pdf: PDFKit.PDFDocument, text: string) {
  if (pdf.y > pdf.page.height - 120) pdf.addPage();
  pdf.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(ACCENT).text(pdfText(text), 50, pdf.y);
  pdf.moveDown(0.3);
}

/** Vector bar chart with the value above each bar and the label below. */
function drawChart(pdf: PDFKit.PDFDocument, chart: ReportDocument['chart'], width: number) {
  if (chart.bars.length === 0) return;
  heading(pdf, chart.title);
  const top = pdf.y + 12;
  const height = 110;
  const max = Math.max(1, ...chart.bars.map((b) => b.value));
  const slot = width / chart.bars.length;
  chart.bars.forEach((b, i) => {
    const h = (b.value / max) * height;
    const x = 50 + i * slot + slot * 0.15;
    pdf.rect(x, top + height - h, slot * 0.7, h).fill(ACCENT);
    pdf.font('Helvetica').fontSize(8).fillColor('#222')
      .text(pdfText(new Intl.NumberFormat('fr-FR').format(b.value)), 50 + i * slot, top + height - h - 10, { width: slot, align: 'center' })
      .text(pdfText(b.label), 50 + i * slot, top + height + 3, { width: slot, align: 'center' });
  });
  pdf.y = top + height + 18;
  pdf.x = 50;
}

export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import('docx');
  const cell = (text: string, bold = false, right = false) => new TableCell({
    children: [new Paragraph({ alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold })] })],
  });
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    ...doc.meta.map((m) => new Paragraph(m)),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(doc.chart.title)] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: [cell('Mois', true), cell('Membres', true, true)] }),
        ...doc.chart.bars.map((b) => new TableRow({ children: [cell(b.label), cell(new Intl.NumberFormat('fr-FR').format(b.value), false, true)] })),
      ],
    }),
  ];
  for (const t of doc.figures) {
    if (t.rows.length === 0) continue;
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t.heading)] }));
    children.push(new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: [cell('Indicateur', true), cell('Valeur', true, true)] }),
        ...t.rows.map((r) => new TableRow({ children: [cell(r.label), cell(r.value, true, true)] })),
      ],
    }));
  }
  for (const t of doc.texts) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t.heading)] }));
    for (const line of t.body.split(/\r?\n/)) children.push(new Paragraph(line));
  }
  const file = new Document({ creator: 'e-communautés', title: doc.title, language: 'fr-FR', sections: [{ children }] } as ConstructorParameters<typeof Document>[0]);
  return Packer.toBuffer(file);
}
