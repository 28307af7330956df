import { build } from '../mail/templates.js';
import type { Mail } from '../mail/service.js';

/** Why a reply by e-mail was not published, told back to its author in French. */
export type BounceReason = 'post-gone' | 'not-allowed' | 'attachment' | 'empty' | 'too-long' | 'refused';

const EXPLAIN: Record<BounceReason, string> = {
  'post-gone': 'La publication à laquelle vous répondez a été supprimée ou n’est plus visible : votre réponse n’a pas pu y être ajoutée.',
  'not-allowed': 'Vous ne pouvez plus écrire dans cette e-communauté (vous l’avez quittée, elle est fermée ou votre participation y est suspendue) : votre réponse n’a pas été publiée.',
  attachment: 'Les pièces jointes ne sont pas acceptées dans une réponse par courriel, car elles ne passent pas les contrôles des fichiers déposés sur la plateforme. Votre réponse n’a pas été publiée : ajoutez votre commentaire et vos fichiers depuis la publication.',
  empty: 'Nous n’avons trouvé aucun texte au-dessus du message cité : votre réponse n’a pas été publiée. Écrivez votre réponse en haut du courriel.',
  'too-long': 'Votre réponse dépasse la longueur permise pour un commentaire : elle n’a pas été publiée. Vous pouvez la raccourcir ou la publier depuis la plateforme.',
  refused: 'Votre réponse n’a pas été publiée.',
};

/**
 * The French answer to a reply that could not become a comment. Marked as automatic (RFC 3834), so that the
 * person's own auto-responder does not answer it back.
 */
export function bounceMail(publicUrl: string, to: string, firstName: string, postId: number, reason: BounceReason, detail?: string): Mail {
  const paragraphs = [`Bonjour ${firstName},`, EXPLAIN[reason]];
  if (reason === 'refused' && detail) paragraphs.push(`Motif : ${detail}`);
  const action = reason === 'post-gone' || reason === 'not-allowed'
    ? { label: 'Ouvrir la plateforme', url: publicUrl }
    : { label: 'Répondre depuis la publication', url: `${publicUrl}/publications/${postId}` };
  const mail = build(to, 'Votre réponse par courriel n’a pas été publiée', 'Réponse non publiée', paragraphs, action,
    ['Ce message est envoyé automatiquement : inutile d’y répondre.']);
  return { ...mail, headers: { 'Auto-Submitted': 'auto-replied' } };
}
