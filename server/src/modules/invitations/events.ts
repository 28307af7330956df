import { onEvent, type Subscription } from '../../events/bus.js';
import { completePendingInvitations } from './service.js';

export const invitationSubscriptions: Subscription[] = [
  // Invitations accepted before the address was confirmed take effect in the transaction that confirms it.
  onEvent('user.email_verified', 'invitations.pending', (tx, e) => completePendingInvitations(tx, e.userId)),
];
