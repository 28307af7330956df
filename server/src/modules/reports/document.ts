import { REPORT_SECTIONS } from '../../../../common/reports.js';
import type { ReportFigures } from './figures.js';
import { parisFormat } from '../../../../common/time/index.js';

/**
 * One description of an activity report, rendered three ways (PDF, DOCX, CSV) so the exports
 * always say the same thing: figure tables, the written parts, the comment, and one chart.
 */

/**
 * One figure: `value` is what the PDF and DOCX print (« 15 h 1 min », « 33,3 % »); `raw` and `unit` are what the
 * CSV holds, a number a spreadsheet can compute with, in the unit named beside it (never in the label).
 */
export interface FigureRow { section: string; label: string; value: string; raw: number | string | null; unit: string }
export interface ReportDocument {
  title: string;
  meta: string[];
  figures: { heading: string; rows: FigureRow[] }[];
  texts: { heading: string; body: string }[];
  chart: { title: string; bars: { label: string; value: number }[] };
}

const KINDS: Record<string, string> = {
  discussion: 'Discussions', question: 'Questions', article: 'Articles', veille: 'Veilles', ressource: 'Ressources',
  evenement: 'Événements', sondage: 'Sondages', partage: 'Partages',
};
const ACTIONS: Record<string, string> = {
  keep: 'Signalements classés sans suite', hide: 'Contenus masqués', unhide: 'Contenus rétablis', edit: 'Contenus modifiés',
  anonymise: 'Contenus anonymisés', delete: 'Contenus supprimés', warn: 'Avertissements', suspend: 'Suspensions', ban: 'Exclusions',
};

const nf = new Intl.NumberFormat('fr-FR');
const num = (n: number) => nf.format(n);
const pct = (v: number | null) => (v === null ? 'sans objet' : `${(Math.round(v * 1000) / 10).toLocaleString('fr-FR')} %`);

/** "2 j 4 h", "3 h 12 min", "sans objet". */
export function duration(seconds: number | null): string {
  if (seconds === null) return 'sans objet';
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return `${d} j ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min`;
}

const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
export const monthShort = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(2, 4)}`;
const day = (iso: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
const when = (at: Date) => parisFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' }).format(at);

export interface DocumentInput {
  community: string;
  author: string;
  meetingAt: Date;
  submittedAt: Date | null;
  figures: ReportFigures;
  text: Record<(typeof REPORT_SECTIONS)[number]['key'], string>;
  comment: { text: string; by: string | null; at: Date } | null;
}

export function reportDocument(input: DocumentInput): ReportDocument {
  const f = input.figures;
  const row = (section: string, label: string, raw: number | string | null, value?: string, unit = 'nombre'): FigureRow =>
    ({ section, label, raw, unit, value: value ?? (raw === null ? 'sans objet' : typeof raw === 'number' ? num(raw) : raw) });
  // Shares go to the CSV as percentages and delays as hours, rounded as they are shown.
  const share = (section: string, label: string, v: number | null) =>
    row(section, label, v === null ? null : Math.round(v * 1000) / 10, pct(v), '%');
  const delay = (section: string, label: string, seconds: number | null) =>
    row(section, label, seconds === null ? null : Math.round(seconds / 36) / 100, duration(seconds), 'heures');
  const members = 'Membres';
  const contrib = 'Contributions';
  const formats = 'Formats utilisés';
  const questions = 'Questions';
  const moderation = 'Modération';
  const agenda = 'Agenda et sondages';
  const read = 'Contenus les plus lus';
  return {
    title: `Rapport d’activité — ${input.community}`,
    meta: [
      `Animation : ${input.author}`,
      `Période : du ${day(f.period.from)} au ${day(f.period.to)}`,
      `Réunion de programmation et d’analyse : ${when(input.meetingAt)}`,
      input.submittedAt ? `Transmis le ${when(input.submittedAt)}` : 'Brouillon : chiffres calculés à la date de l’export',
    ],
    figures: [
      { heading: members, rows: [
        row(members, 'Membres en début de période', f.members.atStart),
        row(members, 'Membres en fin de période', f.members.atEnd),
        row(members, 'Nouveaux membres', f.members.joined),
        share(members, 'Croissance', f.members.growthRate),
        row(members, 'Membres actifs (lecture ou écriture)', f.members.active),
      ] },
      { heading: contrib, rows: [
        row(contrib, 'Total', f.contributions.total),
        row(contrib, 'Objectif sur la période', f.contributions.target),
        ...f.contributions.families.flatMap((fam) => [
          row(contrib, fam.label, fam.count),
          ...fam.sources.map((s) => row(contrib, `${fam.label} — ${s.label}`, s.count)),
        ]),
      ] },
      { heading: formats, rows: [
        ...f.formats.kinds.map((k) => row(formats, `Publications : ${(KINDS[k.kind] ?? k.kind).toLowerCase()}`, k.count)),
        ...f.formats.attachments.map((a) => row(formats, `Pièces jointes ${a.format}`, a.count)),
        ...f.formats.embeds.map((e) => row(formats, `Médias intégrés ${e.provider}`, e.count)),
        ...(f.cnfptResources === undefined ? [] : [row(formats, 'Ressources CNFPT mises en avant', f.cnfptResources)]),
      ] },
      { heading: questions, rows: [
        row(questions, 'Questions posées', f.questions.asked),
        row(questions, 'Questions avec une réponse', f.questions.answered),
        row(questions, 'Questions dont l’issue est connue', f.questions.decided),
        row(questions, 'Questions répondues dans le délai', f.questions.answeredWithinDeadline),
        share(questions, 'Part répondue dans le délai', f.questions.shareWithinDeadline),
        delay(questions, 'Délai médian de première réponse', f.questions.medianSeconds),
      ] },
      { heading: moderation, rows: [
        row(moderation, 'Signalements reçus', f.moderation.flagsReceived),
        row(moderation, 'Signalements traités', f.moderation.flagsHandled),
        delay(moderation, 'Délai médian de traitement', f.moderation.medianHandleSeconds),
        ...f.moderation.actions.map((a) => row(moderation, `Modération : ${(ACTIONS[a.action] ?? a.action).toLowerCase()}`, a.count)),
      ] },
      { heading: agenda, rows: [
        row(agenda, 'Événements tenus sur la période', f.agenda.eventsHeld),
        row(agenda, 'Événements ajoutés à l’agenda', f.agenda.eventsAdded),
        row(agenda, 'Sondages lancés', f.polls.launched),
        row(agenda, 'Réponses à ces sondages', f.polls.votes),
        row(agenda, 'Résultats publiés', f.polls.resultsPublished),
      ] },
      { heading: read, rows: f.mostRead.map((p) => row(read, p.title, p.value, `${num(p.value)} lectures`, 'lectures')) },
    ],
    texts: [
      ...REPORT_SECTIONS.map((s) => ({ heading: s.label, body: input.text[s.key].trim() || '(non renseigné)' })),
      ...(input.comment ? [{ heading: `Commentaire de la coordination${input.comment.by ? ` (${input.comment.by})` : ''}`, body: input.comment.text }] : []),
    ],
    chart: { title: 'Membres en fin de mois', bars: f.monthly.map((m) => ({ label: monthShort(m.month), value: m.total })) },
  };
}
