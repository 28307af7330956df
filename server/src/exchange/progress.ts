/**
 * A progress bar per kind (cli-progress) with its rate and time left, redrawn in a terminal; elsewhere (a pipe,
 * a cron mail, the tests) a line every half minute while a kind is long to write, and one when it is done.
 */
import cliProgress from 'cli-progress';

export interface KindProgress {
  tick: (n: number) => void;
  stop: (summary: string) => void;
}

export function kindProgress(label: string, total: number, log: (msg: string) => void, interactive = process.stderr.isTTY === true): KindProgress {
  const started = Date.now();
  if (!interactive) {
    let done = 0;
    let shown = started;
    return {
      tick: (n) => {
        done += n;
        const now = Date.now();
        if (now - shown < 30_000) return;
        shown = now;
        const rate = done / ((now - started) / 1000);
        const left = total > done && rate > 0 ? `, reste ${seconds(((total - done) / rate) * 1000)}` : '';
        log(`    … ${label} : ${done.toLocaleString('fr-FR')}/${total.toLocaleString('fr-FR')} (${Math.round(rate).toLocaleString('fr-FR')} lignes/s${left})`);
      },
      stop: (summary) => log(`  ${label} : ${summary} (${seconds(Date.now() - started)})`),
    };
  }
  const bar = new cliProgress.SingleBar({
    format: `  ${label.padEnd(18)} [{bar}] {value}/{total} | {rate} lignes/s | reste {eta_formatted}`,
    hideCursor: true, etaBuffer: 50, fps: 5,
  }, cliProgress.Presets.shades_classic);
  bar.start(Math.max(total, 1), 0, { rate: 0 });
  let done = 0;
  return {
    tick: (n) => {
      done += n;
      const elapsed = (Date.now() - started) / 1000;
      // A bundle whose manifest undercounts still shows a full bar rather than one past its end.
      if (done > bar.getTotal()) bar.setTotal(done);
      bar.update(done, { rate: elapsed > 0 ? Math.round(done / elapsed).toLocaleString('fr-FR') : 0 });
    },
    stop: (summary) => {
      bar.stop();
      log(`  ${label} : ${summary} (${seconds(Date.now() - started)})`);
    },
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`;
}
