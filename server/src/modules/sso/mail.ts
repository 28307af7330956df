import type { Mail } from '../mail/service.js';
import { build } from '../mail/templates.js';

/** The code that links a ProConnect identity to the account of the same address, typed on the link page. */
export function linkCodeMail(publicUrl: string, to: string, firstName: string, code: string, minutes: number, label: string): Mail {
  return build(
    to,
    `Votre code pour relier ${label} à votre compte`,
    `Bonjour ${firstName},`,
    [
      `Quelqu’un (vous, normalement) s’est connecté avec ${label} sous l’adresse ${to} et demande à relier cette identité à votre compte du réseau des e-communautés.`,
      `Votre code : ${code}`,
      `Saisissez-le sur la page d’association, dans les ${minutes} minutes. Il ne sert qu’une fois.`,
    ],
    { label: 'Ouvrir la page d’association', url: `${publicUrl}/connexion/proconnect/associer` },
    [
      'Si vous n’êtes pas à l’origine de cette demande, ne communiquez ce code à personne et ignorez ce message : votre compte reste inchangé.',
    ],
  );
}
