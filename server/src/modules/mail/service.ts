import { sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/client.js';
import { run } from '../../db/query.js';
import { mailMessages } from '../../lib/metrics.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe (RFC 8058). */
  headers?: Record<string, string>;
}

/** 'outbox' (no SMTP configured), 'sent' or 'failed'. */
export type MailStatus = 'outbox' | 'sent' | 'failed';

export interface Mailer {
  /** Records the message and resolves with what happened; never throws on an SMTP failure. */
  send(mail: Mail): Promise<MailStatus>;
  close(): void;
}

/**
 * Sends over SMTP when `smtpUrl` is set; otherwise keeps the message in the dev outbox
 * (table mail_outbox, readable by the national administrator). Every message is recorded either way.
 */
export function createMailer(db: Db, smtpUrl: string | undefined, from: string, log: (msg: string) => void): Mailer {
  const transport: Transporter | null = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  return {
    async send(mail) {
      let status: MailStatus = 'outbox';
      let error: string | null = null;
      if (transport) {
        try {
          await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers });
          status = 'sent';
        } catch (err) {
          status = 'failed';
          error = String(err).slice(0, 500);
          log(`Échec d'envoi du courriel à ${mail.to} : ${error}`);
        }
      }
      mailMessages.inc({ status });
      await run(db, sql`
        INSERT INTO mail_outbox (to_address, subject, text, html, status, error)
        VALUES (${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html}, ${status}, ${error})`);
      return status;
    },
    close() {
      transport?.close();
    },
  };
}
