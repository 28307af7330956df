/**
 * Progress of one step as French lines, one every 10 % at most: readable in a terminal, in a systemd
 * journal or a cron mail alike (no carriage-return redraws).
 */
export function stepProgress(label: string, total: number, log: (msg: string) => void, ratio: (done: number, total: number) => string) {
  let lastTenth = -1;
  return (done: number) => {
    const tenth = total > 0 ? Math.min(10, Math.floor((done / total) * 10)) : 10;
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    log(`  ${label} : ${tenth * 10} % (${ratio(Math.min(done, total), total)})`);
  };
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

export const bytesRatio = (done: number, total: number) => `${megabytes(done)} sur ${megabytes(total)}`;
export const tables = (done: number, total: number) => `${done}/${total} tables`;

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;
}
