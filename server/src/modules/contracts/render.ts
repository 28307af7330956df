import { FAMILY_LABELS } from '../../../../common/contributions.js';
import { euros, hours, plainEuros } from './money.js';
import type { Statement } from './service.js';
import { parisFormat } from '../../../../common/time/index.js';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]} ${y}`;
}

/** A calendar day 'YYYY-MM-DD' in words (no time zone shift). */
function day(d: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', dateStyle: 'long' }).format(new Date(`${d}T12:00:00Z`));
}

function parisDateTime(iso: string): string {
  return parisFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

/** One line per statement, for payroll: semicolons and a BOM, as French spreadsheets expect. */
export function statementCsv(s: Statement): string {
  const header = ['mois', 'animateur', 'e_communaute', 'grille', 'taux_horaire_eur', 'heures', 'montant_brut_eur',
    'contributions_veille', 'contributions_animation', 'contributions_redaction', 'contributions_total', 'valide_le', 'valide_par'];
  const c = s.contributions;
  const row = [s.month, s.assignment.userName, s.assignment.communityName, s.assignment.scaleCode,
    plainEuros(s.assignment.hourlyRateCents), String(s.minutes / 60), plainEuros(s.amountCents),
    String(c?.veille ?? ''), String(c?.animation ?? ''), String(c?.redaction ?? ''), String(c?.total ?? ''),
    s.validatedAt ?? '', s.validatedBy ?? ''];
  const cell = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\uFEFF${header.join(';')}\r\n${row.map(cell).join(';')}\r\n`;
}

/** The "état de service fait" as a one-page PDF (pdfkit's built-in Helvetica covers French). */
export async function statementPdf(s: Statement): Promise<Buffer> {
  // Loaded on the first export (see reports/render.ts).
  const { default: PDFDocument } = await import('pdfkit');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `État de service fait — ${s.assignment.userName} — ${monthLabel(s.month)}` } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(18).text('État de service fait');
    doc.moveDown(0.3).font('Helvetica').fontSize(11).fillColor('#444')
      .text(`Mission d’animation de l’e-communauté ${s.assignment.communityName} — ${monthLabel(s.month)}`);
    doc.moveDown(1).fillColor('#000');
    const line = (label: string, value: string) => {
      doc.font('Helvetica-Bold').text(`${label} : `, { continued: true }).font('Helvetica').text(value);
    };
    line('Animateur·rice', s.assignment.userName);
    line('Période de la mission', `du ${day(s.assignment.startsOn)}${s.assignment.endsOn ? ` au ${day(s.assignment.endsOn)}` : ', sans date de fin'}`);
    line('Heures prévues par mois', `${s.assignment.monthlyHours} h`);
    line('Grille et taux horaire', `${s.assignment.scaleCode}, ${euros(s.assignment.hourlyRateCents)} de l’heure`);
    doc.moveDown(0.8);
    line('Heures effectuées', hours(s.minutes));
    line('Montant brut', `${euros(s.amountCents)} (${hours(s.minutes)} × ${euros(s.assignment.hourlyRateCents)})`);
    if (s.note) line('Commentaire', s.note);
    doc.moveDown(0.8).font('Helvetica-Bold').text('Contributions du mois');
    doc.font('Helvetica');
    if (s.contributions) {
      doc.text(`${FAMILY_LABELS.veille} : ${s.contributions.veille}`);
      doc.text(`${FAMILY_LABELS.animation} : ${s.contributions.animation}`);
      doc.text(`${FAMILY_LABELS.redaction} : ${s.contributions.redaction}`);
      doc.text(`Total : ${s.contributions.total}`);
    }
    doc.moveDown(0.8);
    doc.text(s.validatedAt
      ? `Service fait certifié le ${parisDateTime(s.validatedAt)} par ${s.validatedBy ?? 'la coordination'}.`
      : 'En attente de validation par la coordination de l’e-communauté.');
    doc.moveDown(1.5).fontSize(9).fillColor('#555')
      .text('Document destiné à la paie. La plateforme ne conserve ni coordonnées bancaires ni pièce d’identité : la gestion administrative les détient.');
    doc.end();
  });
}
