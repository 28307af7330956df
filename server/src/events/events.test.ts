import { describe, expect, it } from 'vitest';
import { drainEvents, unique, useTestApp } from '../../test/helpers.js';
import { queueMail } from '../modules/mail/events.js';
import { EventDispatcher } from './dispatcher.js';

describe('domain events outbox', async () => {
  const { app } = await useTestApp();
  const mailsTo = async (to: string) => (await app.pool.query('SELECT subject FROM mail_outbox WHERE to_address = $1', [to])).rows;
  const mail = (to: string) => ({ to, subject: 'Sujet', text: 'Texte', html: '<p>Texte</p>' });

  it('sends a mail queued in a committed transaction, once, and nothing for a rolled back one', async () => {
    const kept = `${unique('garde')}@exemple.fr`;
    const dropped = `${unique('annule')}@exemple.fr`;
    await app.db.transaction((tx) => queueMail(tx, mail(kept)));
    await app.db.transaction(async (tx) => {
      await queueMail(tx, mail(dropped));
      tx.rollback();
    }).catch(() => undefined);
    await drainEvents(app);
    expect(await mailsTo(kept)).toEqual([{ subject: 'Sujet' }]);
    expect(await mailsTo(dropped)).toEqual([]);
    const { rows } = await app.pool.query(`SELECT 1 FROM domain_events WHERE payload #>> '{mail,to}' = ANY($1)`, [[kept, dropped]]);
    expect(rows).toEqual([]);
  });

  it('keeps a row whose handler fails, pushed back with its error, for a later attempt', async () => {
    const { rows: [row] } = await app.pool.query<{ id: number }>(
      `INSERT INTO domain_events (type, handler, payload) VALUES ('mail.requested', 'inconnu', '{}') RETURNING id`);
    const logged: string[] = [];
    const dispatcher = EventDispatcher.start({ db: app.db, mailer: app.mailer, log: (m) => logged.push(m), only: () => [row!.id], pollMs: 60_000 });
    // Taken by this drain or by the dispatcher's first poll, whichever locks it first; stop() waits for the latter.
    await dispatcher.drain();
    await dispatcher.stop();
    const { rows: [after] } = await app.pool.query(
      'SELECT attempts, last_error, due_at > now() AS later FROM domain_events WHERE id = $1', [row!.id]);
    expect(after).toMatchObject({ attempts: 1, later: true });
    expect(after.last_error).toContain('inconnu');
    expect(logged.join('\n')).toContain(`événement ${row!.id}`);
    await app.pool.query('DELETE FROM domain_events WHERE id = $1', [row!.id]);
  });
});
