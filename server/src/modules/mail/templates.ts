import type { Mail } from './service.js';

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * One simple, accessible layout for every message: French language, a single column,
 * real text (no image), the link both as a button and written out for copy-paste.
 */
function layout(title: string, paragraphs: string[], action: { label: string; url: string }, after: string[]): string {
  const p = (t: string) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(t)}</p>`;
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f6;font-family:Arial,Helvetica,sans-serif;color:#1e1e1e;font-size:16px">
<main style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:4px">
<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(title)}</h1>
${paragraphs.map(p).join('\n')}
<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="display:inline-block;background:#1d4f91;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:underline">${escapeHtml(action.label)}</a></p>
<p style="margin:0 0 16px;line-height:1.5">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :<br><a href="${escapeHtml(action.url)}" style="color:#1d4f91;word-break:break-all">${escapeHtml(action.url)}</a></p>
${after.map(p).join('\n')}
<p style="margin:24px 0 0;font-size:14px;color:#555">Le réseau des e-communautés</p>
</main>
</body>
</html>`;
}

function text(title: string, paragraphs: string[], action: { label: string; url: string }, after: string[]): string {
  return [title, '', ...paragraphs.flatMap((t) => [t, '']), `${action.label} : ${action.url}`, '', ...after.flatMap((t) => [t, '']), '-- ', 'Le réseau des e-communautés', ''].join('\n');
}

function build(to: string, subject: string, title: string, paragraphs: string[], action: { label: string; url: string }, after: string[]): Mail {
  return { to, subject, text: text(title, paragraphs, action, after), html: layout(title, paragraphs, action, after) };
}

export function verificationMail(publicUrl: string, to: string, firstName: string, token: string): Mail {
  const url = `${publicUrl}/verifier-email?token=${encodeURIComponent(token)}`;
  return build(
    to,
    'Confirmez votre adresse électronique',
    `Bienvenue, ${firstName} !`,
    [
      'Votre compte sur le réseau des e-communautés est créé.',
      'Pour publier et participer aux échanges, confirmez votre adresse électronique en suivant ce lien, valable 48 heures :',
    ],
    { label: 'Confirmer mon adresse', url },
    ['Si vous n’êtes pas à l’origine de cette inscription, ignorez ce message.'],
  );
}

export function passwordResetMail(publicUrl: string, to: string, firstName: string, token: string): Mail {
  const url = `${publicUrl}/mot-de-passe/nouveau?token=${encodeURIComponent(token)}`;
  return build(
    to,
    'Réinitialisation de votre mot de passe',
    `Bonjour ${firstName},`,
    [
      'Une demande de réinitialisation du mot de passe de votre compte a été faite.',
      'Pour choisir un nouveau mot de passe, suivez ce lien, valable une heure et utilisable une seule fois :',
    ],
    { label: 'Choisir un nouveau mot de passe', url },
    [
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.',
      'Par sécurité, toutes vos sessions ouvertes seront fermées après le changement.',
    ],
  );
}
