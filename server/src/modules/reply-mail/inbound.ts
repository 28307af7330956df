import type { ParsedMail } from 'mailparser';
import { LIMITS } from '../../../../common/limits.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { LIMITS_BY_ACTION, rateHit } from '../../lib/rate-limit.js';
import type { CurrentUser } from '../../types.js';
import type { Mailer } from '../mail/service.js';
import { loadVisiblePostState } from '../posts/context.js';
import { assertCanContribute } from '../posts/policy.js';
import { createComment } from '../posts/service.js';
import { sameAddress } from './address.js';
import { bounceMail, type BounceReason } from './bounce.js';
import { loadUser } from './queries.js';
import { extractReply } from './strip.js';

export interface ReplyDeps {
  db: Db;
  mailer: Mailer;
  config: Config;
  log: (msg: string) => void;
}

/** What became of one inbound message; the listener turns `refused` into an SMTP answer. */
export type InboundOutcome =
  | { kind: 'created'; commentId: number }
  | { kind: 'bounced'; reason: BounceReason }
  | { kind: 'ignored'; reason: 'auto-reply' }
  | { kind: 'refused'; responseCode: number; message: string };


/**
 * Out-of-office answers and delivery reports must never become comments (RFC 3834 Auto-Submitted, and the
 * headers the common auto-responders add instead).
 */
function isAutomatic(mail: ParsedMail): boolean {
  const header = (name: string) => String(mail.headers.get(name) ?? '').toLowerCase();
  if (header('auto-submitted') && header('auto-submitted') !== 'no') return true;
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(header('precedence'))) return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  return /^(réponse automatique|absence|out of office|automatic reply)\b/iu.test(mail.subject ?? '');
}

/** Files a person attached; images embedded in an HTML signature (multipart/related) are not attachments. */
function attachedFiles(mail: ParsedMail): number {
  return mail.attachments.filter((a) => !a.related).length;
}


const BOUNCE_OF: Partial<Record<string, BounceReason>> = {
  POST_NOT_FOUND: 'post-gone',
  NOT_MEMBER: 'not-allowed',
  COMMUNITY_NOT_OPEN: 'not-allowed',
  EMAIL_NOT_VERIFIED: 'not-allowed',
  SUSPENDED: 'not-allowed',
};

/**
 * Turns a reply to a notification into a comment of `userId` on `postId`, through the service the web form uses
 * (same sanitising, suspension, duplicate and rate rules). Business refusals are answered by a French e-mail to the
 * account's address; a forged or spoofed message gets an SMTP refusal and nothing else (no mail to a stranger).
 */
export async function handleReply(deps: ReplyDeps, target: { postId: number; userId: number }, mail: ParsedMail): Promise<InboundOutcome> {
  if (isAutomatic(mail)) return { kind: 'ignored', reason: 'auto-reply' };
  const user = await loadUser(deps.db, target.userId);
  const from = mail.from?.value[0]?.address ?? '';
  if (!user || user.deleted || !from || !sameAddress(from, user.email)) {
    return { kind: 'refused', responseCode: 550, message: '5.7.1 Sender does not match this reply address' };
  }
  const bounce = async (reason: BounceReason, detail?: string): Promise<InboundOutcome> => {
    await deps.mailer.send(bounceMail(deps.config.publicUrl, user.email, user.first_name, target.postId, reason, detail));
    deps.log(`réponse par courriel refusée (publication ${target.postId}, membre ${user.id}) : ${reason}`);
    return { kind: 'bounced', reason };
  };
  if (user.banned) return bounce('not-allowed');
  if (attachedFiles(mail) > 0) return bounce('attachment');
  const body = extractReply(mail.text ?? '');
  if (body === '') return bounce('empty');
  if (body.length > LIMITS.commentBody) return bounce('too-long');
  const current: CurrentUser = {
    id: user.id, email: user.email, firstName: user.first_name, lastName: user.last_name,
    nationalRole: user.national_role, emailVerified: user.verified,
  };
  try {
    const post = await loadVisiblePostState(deps.db, target.postId, current);
    assertCanContribute(current, { status: post.community_status, role: post.my_role });
    const written = await createComment(deps.db, post, user.id, { body }, rateHit(deps, LIMITS_BY_ACTION.comment, `u${user.id}`));
    deps.log(`réponse par courriel publiée : commentaire ${written.id} (publication ${target.postId}).`);
    return { kind: 'created', commentId: written.id };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return bounce(BOUNCE_OF[err.code] ?? 'refused', err.message);
  }
}
