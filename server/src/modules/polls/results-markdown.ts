import { LIMITS } from '../../../../common/limits.js';
import { parisFormat } from '../../../../common/time/index.js';

/** The Markdown of a "résultats du sondage" post: a table of the figures and the animator's commentary. */

/** Escapes what Markdown would interpret in a label placed inside a table cell or a link text. */
function escapeMd(text: string): string {
  return text.replace(/[\\`*_[\]|<>#]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

const percentFmt = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 0 });
const dateFmt = parisFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' });

export function percentOf(count: number, voters: number): number {
  return voters === 0 ? 0 : Math.round((count / voters) * 1000) / 10;
}

export function resultsTitle(pollTitle: string): string {
  const title = `Résultats du sondage : ${pollTitle}`;
  return title.length > LIMITS.postTitle ? `${title.slice(0, LIMITS.postTitle - 1)}…` : title;
}

export function resultsMarkdown(input: {
  pollId: number;
  title: string;
  closesAt: Date;
  voters: number;
  options: { label: string; count: number }[];
  commentary: string;
}): string {
  const { voters } = input;
  const who = voters === 0 ? 'aucune participation' : voters === 1 ? '1 participant·e' : `${voters} participant·e·s`;
  const rows = input.options.map((o) => `| ${escapeMd(o.label)} | ${o.count} | ${percentFmt.format(percentOf(o.count, voters))} % |`);
  return [
    `Résultats du sondage [« ${escapeMd(input.title)} »](/publications/${input.pollId}), clos le ${dateFmt.format(input.closesAt)} : ${who}.`,
    '',
    '| Réponse | Voix | Part des participant·e·s |',
    '|:---|---:|---:|',
    ...rows,
    '',
    '## Commentaire de l’animation',
    '',
    input.commentary.trim(),
    '',
  ].join('\n');
}
