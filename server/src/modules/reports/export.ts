import type { CommunityContext } from '../communities/context.js';
import { reportDocument } from './document.js';
import type { ReportFigures } from './figures.js';
import type { MeetingRow, ReportRow } from './queries.js';
import { renderCsv, renderDocx, renderPdf } from './render.js';

export type ExportFormat = 'pdf' | 'docx' | 'csv';

/** A report exported as a file: its PDF or DOCX, or its figures as CSV, with the file's name and type. */
export async function exportReport(r: ReportRow, meeting: MeetingRow, ctx: CommunityContext, figures: ReportFigures, format: ExportFormat) {
  const doc = reportDocument({
    community: ctx.community.name,
    author: r.author_name,
    meetingAt: meeting.scheduled_at,
    submittedAt: r.submitted_at,
    figures,
    text: { highlights: r.highlights, difficulties: r.difficulties, proposals: r.proposals, rendezvous: r.rendezvous },
    comment: r.comment === null ? null : { text: r.comment, by: r.comment_by_name, at: r.comment_at! },
  });
  const name = `rapport-activite-${ctx.community.slug}-${meeting.from_month}-${meeting.to_month}-${r.id}`;
  const [body, type] = format === 'pdf' ? [await renderPdf(doc), 'application/pdf']
    : format === 'docx' ? [await renderDocx(doc), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']
      : [renderCsv(doc), 'text/csv; charset=utf-8'];
  return { body, type, filename: `${name}${format === 'csv' ? '-chiffres' : ''}.${format}` };
}
