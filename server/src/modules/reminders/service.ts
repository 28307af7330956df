import { sql } from 'drizzle-orm';
import type { MailJobContext } from '../email-prefs/digests.js';
import { replyAddress } from '../reply-mail/address.js';
import { questionDueSoonMail, questionOverdueMail } from '../mail/templates.js';
import { unsubscribeLinks } from '../email-prefs/token.js';
import { onDutyFor } from '../roster/on-duty.js';
import { parisFormat } from '../../../../common/time/index.js';

export type ReminderKind = 'due_soon' | 'overdue';

const HOUR = 3_600_000;
/** Overdue questions older than this at first sight are not announced (no flood on a first deployment). */
const OVERDUE_LOOKBACK = 7 * 24 * HOUR;

type Claimed = { question_id: number; community_id: number; title: string; deadline_at: Date; community_name: string }
type Recipient = { community_id: number; email: string; first_name: string; user_id: number }

const deadlineFormat = parisFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short' });

/**
 * Answer-deadline reminders, run every 5 minutes: the animator on duty (or, with nobody on duty, every
 * animator) 24 h before the deadline of an unanswered question, coordinators once it is overdue. The reminders row (UNIQUE question, kind) is claimed before
 * sending: a re-run, a second worker or a retry never sends a reminder twice.
 */
export async function runReminders(ctx: MailJobContext, now = new Date()): Promise<{ dueSoon: number; overdue: number }> {
  const dueSoon = await remind(ctx, 'due_soon', now);
  const overdue = await remind(ctx, 'overdue', now);
  return { dueSoon, overdue };
}

async function remind(ctx: MailJobContext, kind: ReminderKind, now: Date): Promise<number> {
  const window = kind === 'due_soon'
    ? sql`q.deadline_at > ${now} AND q.deadline_at <= ${new Date(now.getTime() + 24 * HOUR)}`
    : sql`q.deadline_at <= ${now} AND q.deadline_at > ${new Date(now.getTime() - OVERDUE_LOOKBACK)}`;
  const claimed = await ctx.db.execute<Claimed>(sql`
    WITH due AS (
      SELECT q.post_id FROM questions q
      JOIN communities c ON c.id = q.community_id AND c.status = 'open'
      WHERE q.answered_at IS NULL AND q.post_in_view AND ${window}
      ORDER BY q.deadline_at LIMIT 500),
    ins AS (
      INSERT INTO reminders (question_id, kind) SELECT post_id, ${kind} FROM due
      ON CONFLICT (question_id, kind) DO NOTHING RETURNING question_id)
    SELECT q.post_id AS question_id, q.community_id, p.title, q.deadline_at, c.name AS community_name
    FROM ins JOIN questions q ON q.post_id = ins.question_id JOIN posts p ON p.id = q.post_id JOIN communities c ON c.id = q.community_id`);
  if (claimed.rows.length === 0) return 0;

  const communityIds = [...new Set(claimed.rows.map((r) => Number(r.community_id)))];
  const role = kind === 'due_soon' ? 'animator' : 'coordinator';
  // Before the deadline, the animator on duty this week is reminded (whatever their role in the team);
  // the other animators only where nobody is on duty. Overdue questions go to the coordinators as before.
  const recipients = kind === 'due_soon'
    ? sql`(m.user_id IN (${onDutyFor(sql`m.community_id`, sql`NULL`, now)})
           OR (m.role = 'animator' AND NOT EXISTS (${onDutyFor(sql`m.community_id`, sql`NULL`, now)})))`
    : sql`m.role = ${role}`;
  // One query for every community's staff; a staff member who chose 'never' for the community is left alone.
  const staff = await ctx.db.execute<Recipient>(sql`
    SELECT m.community_id, u.id AS user_id, u.email, u.first_name FROM memberships m
    JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL AND u.banned_at IS NULL
    LEFT JOIN email_preferences ep ON ep.user_id = m.user_id AND ep.community_id = m.community_id
    WHERE m.community_id = ANY(${`{${communityIds.join(',')}}`}::bigint[]) AND ${recipients}
      AND coalesce(ep.frequency, 'weekly') <> 'never'
    ORDER BY m.community_id, u.id`);

  let mails = 0;
  for (const q of claimed.rows) {
    const question = {
      title: q.title, url: `${ctx.config.publicUrl}/publications/${q.question_id}`,
      communityName: q.community_name, deadline: deadlineFormat.format(new Date(q.deadline_at)),
    };
    const to = staff.rows.filter((s) => Number(s.community_id) === Number(q.community_id));
    let delivered = 0;
    let failed = 0;
    for (const s of to) {
      // Per recipient, claimed before sending (kind 'due_soon:<user>'): a retry of the question skips those already served.
      const mine = await ctx.db.execute(sql`
        INSERT INTO reminders (question_id, kind) VALUES (${q.question_id}, ${`${kind}:${s.user_id}`})
        ON CONFLICT (question_id, kind) DO NOTHING RETURNING id`);
      if (mine.rows.length === 0) continue;
      const links = unsubscribeLinks(ctx.config, Number(s.user_id), Number(q.community_id));
      const personal = { ...question, replyTo: replyAddress(ctx.config.replyMail, Number(q.question_id), Number(s.user_id)) };
      const mail = kind === 'due_soon' ? questionDueSoonMail(s.email, s.first_name, personal, links) : questionOverdueMail(s.email, s.first_name, personal, links);
      if ((await ctx.mailer.send(mail)) !== 'failed') {
        delivered += 1;
      } else {
        failed += 1;
        await ctx.db.execute(sql`DELETE FROM reminders WHERE question_id = ${q.question_id} AND kind = ${`${kind}:${s.user_id}`}`);
      }
    }
    mails += delivered;
    if (failed > 0) {
      // SMTP refused: release the question so the next run (5 minutes later) tries the missing recipients again.
      await ctx.db.execute(sql`DELETE FROM reminders WHERE question_id = ${q.question_id} AND kind = ${kind}`);
    } else {
      await ctx.db.execute(sql`
        UPDATE reminders SET recipients = (SELECT count(*) FROM reminders r WHERE r.question_id = ${q.question_id} AND r.kind LIKE ${`${kind}:%`})
        WHERE question_id = ${q.question_id} AND kind = ${kind}`);
    }
  }
  ctx.log(`rappels ${kind} : ${claimed.rows.length} question(s), ${mails} courriel(s).`);
  return claimed.rows.length;
}
