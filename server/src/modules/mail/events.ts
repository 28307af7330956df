import type { DbOrTx } from '../../db/client.js';
import { afterEvent, emit, type Subscription } from '../../events/bus.js';
import type { Mail } from './service.js';

/**
 * Transactional e-mails (verification, password reset, invitations…) are queued in the transaction of the change that
 * asks for them and sent by the worker once it committed: a rolled back change sends nothing, and a crash or a restart
 * between the commit and the sending loses no message (the outbox row waits for the worker).
 */
export async function queueMail(tx: DbOrTx, mail: Mail): Promise<void> {
  await emit(tx, { type: 'mail.requested', mail });
}

export const mailSubscriptions: Subscription[] = [
  // The mailer records every message in mail_outbox and reports an SMTP failure there without throwing: a row is
  // retried only when recording failed (the database), as sending again after an SMTP refusal would not help.
  afterEvent('mail.requested', 'mail.send', async (event, ctx) => {
    await ctx.mailer.send(event.mail);
  }),
];
