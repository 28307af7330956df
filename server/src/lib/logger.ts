import pino, { type Logger } from 'pino';

/**
 * One logger for the whole process (Fastify's, the start-up lines of main.ts, jobs, mail), in one of two
 * formats: pino's JSON lines for log collectors (production, or whenever stdout is not a terminal), or
 * readable lines for a person running `npm start` in a terminal. LOG_FORMAT forces one or the other.
 * The readable lines come from a small formatter rather than pino-pretty: it needs none of pino-pretty's
 * options, runs in the same thread and adds no dependency.
 */
export type LogFormat = 'json' | 'text';

export function logFormat(env: NodeJS.ProcessEnv, stdoutIsTty: boolean): LogFormat {
  const forced = env.LOG_FORMAT;
  if (forced === 'json' || forced === 'text') return forced;
  if (forced) throw new Error(`LOG_FORMAT doit valoir « json » ou « text » (reçu « ${forced} »).`);
  return env.NODE_ENV !== 'production' && stdoutIsTty ? 'text' : 'json';
}

const LEVELS: Record<number, string> = { 10: 'TRACE ', 20: 'DÉTAIL ', 30: '', 40: 'ATTENTION ', 50: 'ERREUR ', 60: 'FATAL ' };
/** Fields every line has, or that say nothing to a person reading a terminal. */
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'err']);

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** One pino JSON line as a readable line: time, level when not plain information, message, other fields. */
export function formatLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const at = new Date(typeof entry.time === 'number' ? entry.time : Date.now());
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  const level = LEVELS[entry.level as number] ?? '';
  const extras = Object.entries(entry)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  let line = `${time} ${level}${String(entry.msg ?? '')}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
  const err = entry.err as { message?: string; stack?: string } | undefined;
  if (err) line += (entry.level as number) >= 50 && err.stack ? `\n${err.stack}` : ` — ${err.message ?? ''}`;
  return `${line}\n`;
}

export function createLogger(level: string, format: LogFormat, out: NodeJS.WritableStream = process.stdout): Logger {
  if (format === 'json') return pino({ level }, out === process.stdout ? pino.destination({ dest: 1, sync: true }) : out);
  return pino({ level }, { write: (line: string) => { out.write(formatLine(line)); } });
}
