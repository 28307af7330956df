/**
 * Keeps what a person wrote above the quoted message when they answer a notification by e-mail: quoted
 * history (« Le … a écrit : », « On … wrote: », Outlook's « De : … Envoyé : … » block, `>` lines, the
 * « Message d'origine » separators) and signatures (`-- `, « Envoyé de mon iPhone ») are cut off.
 */

// Each pattern marks the first line of what is NOT the reply; everything from there on goes.
const CUT_LINE: RegExp[] = [
  // Apple Mail, Gmail, Thunderbird in French and English; Gmail may wrap the line, see joinWrappedHeader.
  /^\s*Le\s.+a\s+écrit\s*:\s*$/iu,
  /^\s*On\s.+wrote\s*:\s*$/iu,
  // Outlook: « De : », « From: » then « Envoyé : »/« Sent: » a few lines below (checked in isOutlookHeader).
  /^\s*-{2,}\s*(Message d['’]origine|Original Message|Message transféré|Forwarded message)\s*-{2,}\s*$/iu,
  /^\s*_{10,}\s*$/u,
  // Signatures: the standard separator, and the mobile ones.
  /^-- ?$/u,
  /^\s*(Envoyé|Envoyée) (de|depuis) (mon|ma|l['’]application)\s.+$/iu,
  /^\s*Sent from my\s.+$/iu,
  /^\s*Obtenir Outlook pour\s.+$/iu,
];

const OUTLOOK_FROM = /^\s*\*?(De|From)\s*\*?\s*:/iu;
const OUTLOOK_SENT = /^\s*\*?(Envoyé|Sent|Date)\s*\*?\s*:/iu;

function isOutlookHeader(lines: string[], i: number): boolean {
  if (!OUTLOOK_FROM.test(lines[i]!)) return false;
  return lines.slice(i + 1, i + 4).some((l) => OUTLOOK_SENT.test(l));
}

/**
 * Gmail and others wrap a long « Le …, X <x@y> a écrit : » over two or three lines: joined without a blank line
 * between them, they must end with the attribution (so a reply that starts with « Le … » is kept).
 */
function wrappedAttribution(lines: string[], i: number): boolean {
  if (!/^\s*(Le|On)\s/iu.test(lines[i]!)) return false;
  let joined = lines[i]!;
  for (let k = i + 1; k < Math.min(lines.length, i + 3) && lines[k]!.trim() !== ''; k++) {
    joined += ` ${lines[k]!.trim()}`;
    if (/^\s*Le\s.+a\s+écrit\s*:\s*$/iu.test(joined) || /^\s*On\s.+wrote\s*:\s*$/iu.test(joined)) return true;
  }
  return false;
}

export function extractReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (CUT_LINE.some((re) => re.test(line)) || isOutlookHeader(lines, i) || wrappedAttribution(lines, i)) break;
    // A quote inside the reply (answering point by point) is still quoted history: dropped, the rest kept.
    if (/^\s*>/u.test(line)) continue;
    kept.push(line.replace(/\s+$/u, ''));
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
