import nodemailer, { type Transporter } from 'nodemailer';
import type pg from 'pg';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/**
 * Sends over SMTP when `smtpUrl` is set; otherwise keeps the message in the dev outbox
 * (table mail_outbox, readable by the national administrator). Every message is recorded either way.
 */
export function createMailer(pool: pg.Pool, smtpUrl: string | undefined, from: string, log: (msg: string) => void): Mailer {
  const transport: Transporter | null = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  return {
    async send(mail) {
      let status = 'outbox';
      let error: string | null = null;
      if (transport) {
        try {
          await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
          status = 'sent';
        } catch (err) {
          status = 'failed';
          error = String(err).slice(0, 500);
          log(`Échec d'envoi du courriel à ${mail.to} : ${error}`);
        }
      }
      await pool.query(
        'INSERT INTO mail_outbox (to_address, subject, text, html, status, error) VALUES ($1, $2, $3, $4, $5, $6)',
        [mail.to, mail.subject, mail.text, mail.html, status, error],
      );
    },
    close() {
      transport?.close();
    },
  };
}
