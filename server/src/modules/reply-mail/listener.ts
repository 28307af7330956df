import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerEnvelope } from 'smtp-server';
import { counterUpsert, LIMITS_BY_ACTION, rateHit } from '../../lib/rate-limit.js';
import { namedText } from '../../lib/named-query.js';
import type { ReplyMailConfig } from './config.js';
import { parseReplyAddress } from './address.js';
import { handleReply, type ReplyDeps } from './inbound.js';

/**
 * The worker's inbound SMTP listener for replies by e-mail (docs/deploy.md, « Réponse par courriel »). It sits
 * behind the domain's MX relay: no TLS or authentication of its own, one signed reply address per message, a size
 * limit announced in EHLO (SIZE) and enforced, and a rate limit per envelope sender. Nothing is stored but the
 * comment it creates (or the French answer it sends): neither the message nor the addresses are kept.
 */

export interface ReplyListener {
  port: number;
  close(): Promise<void>;
}

/** SMTP replies are US-ASCII (RFC 5321): short English texts; the French explanations travel by e-mail. */
function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

const HIT_SQL = counterUpsert('$1', '$2');

/** Counted per envelope sender, hashed: the rate_limits table never holds an address. */
async function underSenderLimit(deps: ReplyDeps, sender: string): Promise<boolean> {
  const who = createHash('sha256').update(sender.normalize('NFC').toLowerCase()).digest('hex').slice(0, 32);
  const r = rateHit(deps, LIMITS_BY_ACTION.replyMail, who);
  const [row] = await namedText<{ count: number }>(deps.db, 'rate-limit-hit', HIT_SQL, [r.key, r.windowSeconds]);
  return row!.count <= r.max;
}

type Target = { postId: number; userId: number };
/** Per transaction: smtp-server gives each MAIL FROM (and RSET) a new envelope object. */
const targets = new WeakMap<SMTPServerEnvelope, Target>();

export async function startReplyListener(deps: ReplyDeps, reply: ReplyMailConfig, port = reply.port ?? 0): Promise<ReplyListener> {
  const server = new SMTPServer({
    name: reply.domain,
    banner: 'e-communautes reply listener',
    // Behind a relay that does TLS, SPF, DKIM and DMARC: nobody authenticates to this listener.
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: reply.maxBytes,
    maxClients: 20,
    socketTimeout: 60_000,
    logger: false,
    onMailFrom(address, _session, callback) {
      underSenderLimit(deps, address.address || '<>').then(
        (ok) => callback(ok ? null : smtpError(451, '4.7.1 Too many messages from this sender, try again later')),
        () => callback(smtpError(451, '4.3.0 Temporary failure, try again later')));
    },
    onRcptTo(address, session, callback) {
      if (targets.has(session.envelope)) return callback(smtpError(452, '4.5.3 One reply address per message'));
      const parsed = parseReplyAddress(reply, address.address);
      if (!parsed.ok) {
        // Not an open relay; an unknown or forged reply address is refused without saying which part is wrong.
        return callback(parsed.reason === 'domain'
          ? smtpError(550, '5.7.1 Relay denied')
          : smtpError(550, '5.1.1 Unknown reply address'));
      }
      targets.set(session.envelope, { postId: parsed.postId, userId: parsed.userId });
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= reply.maxBytes) chunks.push(c);
      });
      stream.on('end', () => {
        const target = targets.get(session.envelope);
        targets.delete(session.envelope);
        if (stream.sizeExceeded || size > reply.maxBytes) {
          return callback(smtpError(552, `5.3.4 Message too big (${reply.maxBytes} bytes at most)`));
        }
        if (!target) return callback(smtpError(503, '5.5.1 No valid recipient'));
        // A delivery report (null sender) about a reply address: nothing to publish, nobody to answer.
        if (session.envelope.mailFrom === false || session.envelope.mailFrom.address === '') return callback();
        simpleParser(Buffer.concat(chunks))
          .then((mail) => handleReply(deps, target, mail))
          .then((outcome) => callback(outcome.kind === 'refused' ? smtpError(outcome.responseCode, outcome.message) : null))
          .catch((err: unknown) => {
            deps.log(`réponse par courriel : erreur ${(err as Error).message}`);
            callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
          });
      });
    },
  });
  server.on('error', (err) => deps.log(`réponse par courriel : ${err.message}`));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, reply.host, () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
