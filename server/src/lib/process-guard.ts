import { isConnectionError } from '../db/connection-errors.js';

/** One line per outage burst: a restart of PostgreSQL fails many promises at once. */
const OUTAGE_LOG_EVERY_MS = 10_000;

function describe(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/**
 * Last line of defence for errors nobody awaited (a library's fire-and-forget query, an 'error'
 * event without a listener). A lost database connection is temporary: it is logged and the process
 * keeps serving (503 until PostgreSQL is back). Anything else may have left the process in an
 * unknown state: it is logged with its stack and the process exits, for the supervisor to restart it.
 */
export interface GuardLog {
  warn: (msg: string) => void;
  error: (msg: string) => void;
}

export function installProcessGuards(log: GuardLog, exit: (code: number) => void = (code) => process.exit(code)): void {
  let lastOutageLog = 0;
  const handle = (kind: string) => (err: unknown) => {
    if (isConnectionError(err)) {
      if (Date.now() - lastOutageLog >= OUTAGE_LOG_EVERY_MS) {
        lastOutageLog = Date.now();
        log.warn(`base de données injoignable (${kind}) : ${describe(err)}. Le service continue et reprendra dès son retour.`);
      }
      return;
    }
    log.error(`erreur inattendue (${kind}) : ${err instanceof Error && err.stack ? err.stack : describe(err)}`);
    log.error('arrêt du processus : relancez-le (npm start) ; si l’erreur revient, signalez-la avec les lignes ci-dessus.');
    exit(1);
  };
  process.on('unhandledRejection', handle('promesse rejetée sans traitement'));
  process.on('uncaughtException', handle('exception non interceptée'));
}
