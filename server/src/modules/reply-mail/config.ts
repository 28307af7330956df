import { createHmac } from 'node:crypto';

export interface ReplyMailConfig {
  /** Domain of the signed reply addresses (REPLY_DOMAIN), e.g. reponse.e-communautes.fr; its MX leads to the listener. */
  domain: string;
  /** HMAC key of the reply addresses: REPLY_SECRET, else derived from APP_SECRET. */
  secret: string;
  /** Port of the worker's inbound SMTP listener (REPLY_SMTP_PORT); unset: no listener here (another worker may run it). */
  port: number | undefined;
  /** Address it listens on (REPLY_SMTP_HOST), 127.0.0.1 by default: behind a relay on the same machine. */
  host: string;
  /** Largest message accepted, in bytes (REPLY_MAX_BYTES, 256 KiB by default). */
  maxBytes: number;
}

const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function integer(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} doit être un nombre entier entre ${min} et ${max} (reçu « ${value} »)`);
  return n;
}

/** Read by config.ts: REPLY_DOMAIN turns reply addresses on, REPLY_SMTP_PORT the listener (worker role). */
export function replyMailConfig(env: NodeJS.ProcessEnv, appSecret: string): ReplyMailConfig | undefined {
  const domain = (env.REPLY_DOMAIN ?? '').trim().toLowerCase();
  if (!domain) {
    if (env.REPLY_SMTP_PORT) throw new Error('REPLY_SMTP_PORT est défini mais REPLY_DOMAIN manque : les adresses de réponse en dépendent.');
    return undefined;
  }
  if (!DOMAIN.test(domain)) throw new Error(`REPLY_DOMAIN doit être un nom de domaine, sans « @ » ni port (reçu « ${domain} »)`);
  const port = env.REPLY_SMTP_PORT ? integer('REPLY_SMTP_PORT', env.REPLY_SMTP_PORT, 0, 65535) : undefined;
  const maxBytes = env.REPLY_MAX_BYTES ? integer('REPLY_MAX_BYTES', env.REPLY_MAX_BYTES, 1024, 50 * 1024 * 1024) : 256 * 1024;
  // A key of its own: leaking reply addresses' key must not forge unsubscribe links, and the other way round.
  const secret = env.REPLY_SECRET || createHmac('sha256', appSecret).update('reply-mail').digest('hex');
  return { domain, secret, port, host: env.REPLY_SMTP_HOST || '127.0.0.1', maxBytes };
}
