import { installSubscriptions } from './bus.js';
import { questionSubscriptions } from '../modules/questions/events.js';
import { notificationSubscriptions } from '../modules/notifications/events.js';
import { invitationSubscriptions } from '../modules/invitations/events.js';
import { mailSubscriptions } from '../modules/mail/events.js';

/**
 * Who reacts to which domain event, assembled here rather than in the modules that emit: a module tells what happened
 * and never imports those that react. Called where a process is assembled (app.ts, main.ts) before any write.
 * Order matters within an event: the questions row exists before notifications read the post.
 */
export function installEventHandlers(): void {
  installSubscriptions([...questionSubscriptions, ...notificationSubscriptions, ...invitationSubscriptions, ...mailSubscriptions]);
}
