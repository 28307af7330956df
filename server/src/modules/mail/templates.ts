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
  return [title, '', ...paragraphs.flatMap((t) => [t, '']), `${action.label} : ${action.url}`, '', ...after.flatMap((t) => [t, '']), '-- ', 'Le réseau des e-communautés', ''].join('\n');
}

/** The common layout, also used by modules that keep their own message next to their code (sso/mail.ts). */
export function build(to: string, subject: string, title: string, paragraphs: string[], action: { label: string; url: string }, after: string[]): Mail {
  return { to, subject, text: text(title, paragraphs, action, after), html: layout(title, paragraphs, action, after) };
}

export function verificationMail(publicUrl: string, to: string, firstName: string, token: string): Mail {
  const url = `${publicUrl}/verifier-email?token=${encodeURIComponent(token)}`;
  return build(
    to,
    'Confirmez votre adresse électronique',
    `Bienvenue, ${firstName} !`,
    [
      'Votre compte sur le réseau des e-communautés est créé.',
      'Pour publier et participer aux échanges, confirmez votre adresse électronique en suivant ce lien, valable 48 heures :',
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
      'Pour choisir un nouveau mot de passe, suivez ce lien, valable une heure et utilisable une seule fois :',
    ],
    { label: 'Choisir un nouveau mot de passe', url },
    [
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.',
      'Par sécurité, toutes vos sessions ouvertes seront fermées après le changement.',
    ],
  );
}

export interface ModerationNotice {
  action: 'hide' | 'unhide' | 'edit' | 'anonymise' | 'delete' | 'warn' | 'suspend' | 'ban';
  communityName: string;
  reasonLabel: string | null;
  /** The CGU or charter article the content breaks, e.g. "Charte éditoriale, art. 2". */
  article: string | null;
  message: string;
  /** Where the author sees the content (absent once deleted, or when banned). */
  itemUrl: string | null;
  /** End of a suspension, already written in French. */
  until: string | null;
}

const MODERATION_SUBJECTS: Record<ModerationNotice['action'], string> = {
  hide: 'Votre contribution a été masquée par la modération',
  unhide: 'Votre contribution est de nouveau visible',
  edit: 'Votre contribution a été modifiée par la modération',
  anonymise: 'Votre contribution a été anonymisée par la modération',
  delete: 'Votre contribution a été supprimée par la modération',
  warn: 'Un avertissement de la modération',
  suspend: 'Votre participation est suspendue',
  ban: 'Votre compte a été exclu du réseau',
};

/** Tells the author what moderation did, why, and which rule of the CGU or charter applies. */
export function moderationMail(publicUrl: string, to: string, firstName: string, n: ModerationNotice): Mail {
  const what: Record<ModerationNotice['action'], string> = {
    hide: `L’équipe d’animation de l’e-communauté « ${n.communityName} » a masqué l’une de vos contributions : les autres membres ne la voient plus, vous la voyez toujours avec le motif.`,
    unhide: `L’équipe d’animation de l’e-communauté « ${n.communityName} » a rétabli l’une de vos contributions : tous les membres la voient de nouveau.`,
    edit: `L’équipe d’animation de l’e-communauté « ${n.communityName} » a modifié l’une de vos contributions ; elle porte désormais la mention « modéré ».`,
    anonymise: `L’équipe d’animation de l’e-communauté « ${n.communityName} » a anonymisé l’une de vos contributions (données personnelles retirées) ; elle porte désormais la mention « modéré ».`,
    delete: `L’équipe d’animation de l’e-communauté « ${n.communityName} » a supprimé l’une de vos contributions.`,
    warn: `L’équipe d’animation de l’e-communauté « ${n.communityName} » vous adresse un avertissement au sujet de l’une de vos contributions.`,
    suspend: `Vous ne pouvez plus publier ni commenter dans l’e-communauté « ${n.communityName} » jusqu’au ${n.until ?? ''}.`,
    ban: 'L’équipe nationale a exclu votre compte du réseau des e-communautés : vous ne pouvez plus vous connecter.',
  };
  const paragraphs = [what[n.action]];
  if (n.reasonLabel) paragraphs.push(`Motif : ${n.reasonLabel}${n.article ? ` (${n.article})` : ''}.`);
  if (n.message) paragraphs.push(`Message de la modération : ${n.message}`);
  const action = n.itemUrl
    ? { label: 'Voir la contribution', url: `${publicUrl}${n.itemUrl}` }
    : { label: 'Relire la charte éditoriale', url: `${publicUrl}/pages/charte-editoriale` };
  return build(to, MODERATION_SUBJECTS[n.action], `Bonjour ${firstName},`, paragraphs, action, [
    'Les conditions générales d’utilisation et la charte éditoriale sont consultables à tout moment sur le site.',
    'Si vous pensez qu’il s’agit d’une erreur, répondez à l’équipe d’animation de votre e-communauté.',
  ]);
}

/* ---- E-mail preferences: new-post notice, digests, answer-deadline reminders (issue 6) ---- */

/** Where a member stops the mails of one community in one click, and changes all their choices. */
export interface UnsubscribeLinks {
  /** Signed one-click URL (List-Unsubscribe). */
  oneClick: string;
  preferences: string;
}

function unsubscribeHeaders(u: UnsubscribeLinks): Record<string, string> {
  return { 'List-Unsubscribe': `<${u.oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

function footerHtml(u: UnsubscribeLinks, communityName: string): string {
  return `<hr style="border:0;border-top:1px solid #ccc;margin:24px 0">
<p style="margin:0 0 8px;font-size:14px;line-height:1.5;color:#444">Vous recevez ce message car vous êtes membre de « ${escapeHtml(communityName)} ».
<a href="${escapeHtml(u.oneClick)}" style="color:#1d4f91">Ne plus recevoir de courriel de cette e-communauté</a> ·
<a href="${escapeHtml(u.preferences)}" style="color:#1d4f91">Gérer mes notifications par courriel</a></p>`;
}

function footerText(u: UnsubscribeLinks, communityName: string): string {
  return [`Vous recevez ce message car vous êtes membre de « ${communityName} ».`,
    `Ne plus recevoir de courriel de cette e-communauté : ${u.oneClick}`,
    `Gérer mes notifications par courriel : ${u.preferences}`].join('\n');
}

function page(title: string, inner: string): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f6;font-family:Arial,Helvetica,sans-serif;color:#1e1e1e;font-size:16px">
<main style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:4px">
<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(title)}</h1>
${inner}
<p style="margin:24px 0 0;font-size:14px;color:#555">Le réseau des e-communautés</p>
</main>
</body>
</html>`;
}

export interface MailPost {
  title: string;
  authorName: string;
  excerpt: string;
  url: string;
  /** The member's signed reply address for this post (reply-mail module); absent when reply by e-mail is off. */
  replyTo?: string;
}

const REPLY_HINT = 'Répondez simplement à ce courriel pour commenter la publication (texte seul, sans pièce jointe).';

/** A Reply-To on the mails about one post, so that answering them comments the post (reply-mail/listener.ts). */
function replyHeaders(u: UnsubscribeLinks, replyTo: string | undefined): Record<string, string> {
  return replyTo ? { ...unsubscribeHeaders(u), 'Reply-To': replyTo } : unsubscribeHeaders(u);
}

/** A mailto link answering one post of a digest (a digest lists several posts, so it has no Reply-To). */
function replyMailto(p: MailPost): string | undefined {
  return p.replyTo ? `mailto:${p.replyTo}?subject=${encodeURIComponent(`RE: ${p.title}`)}` : undefined;
}

export function newPostMail(to: string, communityName: string, post: MailPost, u: UnsubscribeLinks): Mail {
  const title = `Nouvelle publication dans « ${communityName} »`;
  const inner = `<h2 style="font-size:18px;margin:0 0 8px"><a href="${escapeHtml(post.url)}" style="color:#1d4f91">${escapeHtml(post.title)}</a></h2>
<p style="margin:0 0 8px;color:#444">Par ${escapeHtml(post.authorName)}</p>
<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(post.excerpt)}</p>
${post.replyTo ? `<p style="margin:0 0 16px;line-height:1.5">${REPLY_HINT}</p>\n` : ''}<p style="margin:0 0 16px">Lire la publication : <a href="${escapeHtml(post.url)}" style="color:#1d4f91;word-break:break-all">${escapeHtml(post.url)}</a></p>
${footerHtml(u, communityName)}`;
  const text = [title, '', post.title, `Par ${post.authorName}`, '', post.excerpt, '', `Lire la publication : ${post.url}`, '', ...(post.replyTo ? [REPLY_HINT, ''] : []), '-- ', footerText(u, communityName), ''].join('\n');
  return { to, subject: `${communityName} : ${post.title}`, text, html: page(title, inner), headers: replyHeaders(u, post.replyTo) };
}

export interface DigestSection {
  communityName: string;
  communityUrl: string;
  posts: MailPost[];
  /** Posts of the period not listed (the digest keeps a few per community). */
  more: number;
  unsubscribe: UnsubscribeLinks;
}

/** One message for all the member's communities on this rhythm; unsubscribe headers point to the first one. */
export function digestMail(to: string, firstName: string, frequency: 'daily' | 'weekly', sections: DigestSection[], preferencesUrl: string): Mail {
  const period = frequency === 'daily' ? 'quotidien' : 'hebdomadaire';
  const since = frequency === 'daily' ? 'depuis hier' : 'cette semaine';
  const title = `Votre résumé ${period}`;
  const total = sections.reduce((n, s) => n + s.posts.length + s.more, 0);
  const intro = `Bonjour ${firstName}, voici ${total === 1 ? 'la publication' : `les ${total} publications`} ${since} dans vos e-communautés.`;
  const htmlSections = sections.map((s) => `<section>
<h2 style="font-size:19px;margin:24px 0 8px"><a href="${escapeHtml(s.communityUrl)}" style="color:#1d4f91">${escapeHtml(s.communityName)}</a></h2>
<ul style="margin:0;padding-left:20px">
${s.posts.map((p) => `<li style="margin:0 0 12px;line-height:1.5"><a href="${escapeHtml(p.url)}" style="color:#1d4f91;font-weight:bold">${escapeHtml(p.title)}</a><br><span style="color:#444">Par ${escapeHtml(p.authorName)}</span><br>${escapeHtml(p.excerpt)}${replyMailto(p) ? `<br><a href="${escapeHtml(replyMailto(p)!)}" style="color:#1d4f91">Répondre par courriel</a>` : ''}</li>`).join('\n')}
</ul>
${s.more > 0 ? `<p style="margin:0 0 8px"><a href="${escapeHtml(s.communityUrl)}" style="color:#1d4f91">Et ${s.more} autre${s.more > 1 ? 's' : ''} publication${s.more > 1 ? 's' : ''}</a></p>` : ''}
<p style="margin:0 0 8px;font-size:14px"><a href="${escapeHtml(s.unsubscribe.oneClick)}" style="color:#1d4f91">Ne plus recevoir de courriel de « ${escapeHtml(s.communityName)} »</a></p>
</section>`).join('\n');
  const inner = `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(intro)}</p>
${htmlSections}
<hr style="border:0;border-top:1px solid #ccc;margin:24px 0">
<p style="margin:0;font-size:14px"><a href="${escapeHtml(preferencesUrl)}" style="color:#1d4f91">Gérer mes notifications par courriel</a></p>`;
  const text = [title, '', intro, '',
    ...sections.flatMap((s) => [
      `== ${s.communityName} ==`, s.communityUrl, '',
      ...s.posts.flatMap((p) => [`* ${p.title}`, `  Par ${p.authorName}`, `  ${p.excerpt}`, `  ${p.url}`, ...(p.replyTo ? [`  Répondre par courriel : ${p.replyTo}`] : []), '']),
      ...(s.more > 0 ? [`Et ${s.more} autre(s) publication(s) : ${s.communityUrl}`, ''] : []),
      `Ne plus recevoir de courriel de « ${s.communityName} » : ${s.unsubscribe.oneClick}`, '',
    ]),
    '-- ', `Gérer mes notifications par courriel : ${preferencesUrl}`, ''].join('\n');
  return { to, subject: `${title} des e-communautés`, text, html: page(title, inner), headers: sections[0] ? unsubscribeHeaders(sections[0].unsubscribe) : undefined };
}

export interface ReminderQuestion {
  title: string;
  url: string;
  communityName: string;
  /** Already written in French, e.g. « dimanche 29 novembre à 14:00 ». */
  deadline: string;
  /** The animator's signed reply address: answering the reminder answers the question. */
  replyTo?: string;
}

export function questionDueSoonMail(to: string, firstName: string, q: ReminderQuestion, u: UnsubscribeLinks): Mail {
  const title = 'Une question attend une réponse';
  const inner = `<p style="margin:0 0 16px;line-height:1.5">Bonjour ${escapeHtml(firstName)}, la question suivante de « ${escapeHtml(q.communityName)} » n’a pas encore reçu de réponse. Son délai de réponse expire le ${escapeHtml(q.deadline)}.</p>
<p style="margin:0 0 16px"><a href="${escapeHtml(q.url)}" style="color:#1d4f91;font-weight:bold">${escapeHtml(q.title)}</a></p>
${q.replyTo ? `<p style="margin:0 0 16px;line-height:1.5">${REPLY_HINT}</p>\n` : ''}${footerHtml(u, q.communityName)}`;
  const text = [title, '', `Bonjour ${firstName}, la question suivante de « ${q.communityName} » n’a pas encore reçu de réponse. Son délai de réponse expire le ${q.deadline}.`, '', q.title, q.url, '', ...(q.replyTo ? [REPLY_HINT, ''] : []), '-- ', footerText(u, q.communityName), ''].join('\n');
  return { to, subject: `Question sans réponse : ${q.title}`, text, html: page(title, inner), headers: replyHeaders(u, q.replyTo) };
}

export function questionOverdueMail(to: string, firstName: string, q: ReminderQuestion, u: UnsubscribeLinks): Mail {
  const title = 'Délai de réponse dépassé';
  const inner = `<p style="margin:0 0 16px;line-height:1.5">Bonjour ${escapeHtml(firstName)}, le délai de réponse de cette question de « ${escapeHtml(q.communityName)} » a expiré le ${escapeHtml(q.deadline)} sans réponse de l’équipe d’animation.</p>
<p style="margin:0 0 16px"><a href="${escapeHtml(q.url)}" style="color:#1d4f91;font-weight:bold">${escapeHtml(q.title)}</a></p>
${q.replyTo ? `<p style="margin:0 0 16px;line-height:1.5">${REPLY_HINT}</p>\n` : ''}${footerHtml(u, q.communityName)}`;
  const text = [title, '', `Bonjour ${firstName}, le délai de réponse de cette question de « ${q.communityName} » a expiré le ${q.deadline} sans réponse de l’équipe d’animation.`, '', q.title, q.url, '', ...(q.replyTo ? [REPLY_HINT, ''] : []), '-- ', footerText(u, q.communityName), ''].join('\n');
  return { to, subject: `Délai dépassé : ${q.title}`, text, html: page(title, inner), headers: replyHeaders(u, q.replyTo) };
}

/**
 * A new private message (messages module). The text of the message stays out of the mail: it is
 * private, and a mailbox is read by more tools than the platform.
 */
export function privateMessageMail(publicUrl: string, to: string, firstName: string, senderName: string, conversationId: number): Mail {
  return build(
    to,
    `${senderName} vous a écrit un message privé`,
    `Bonjour ${firstName},`,
    [`${senderName} vous a écrit sur le réseau des e-communautés. Lisez et répondez depuis votre messagerie :`],
    { label: 'Lire le message', url: `${publicUrl}/messages/${conversationId}` },
    [`Vous recevez ce courriel au premier message non lu d’une conversation. Pour ne plus en recevoir, décochez « Me prévenir par courriel d’un nouveau message » sur votre profil : ${publicUrl}/profil`],
  );
}

export interface InvitationNotice {
  inviterName: string;
  communityName: string;
  communityDescription: string;
  /** Personal words of the inviter, if any. */
  message: string;
  url: string;
  expires: string;
}

/** An invitation to join a community, sent on behalf of a member. */
export function invitationMail(to: string, n: InvitationNotice): Mail {
  return build(
    to,
    `${n.inviterName} vous invite à rejoindre l’e-communauté « ${n.communityName} »`,
    `Rejoignez l’e-communauté « ${n.communityName} »`,
    [
      `${n.inviterName} vous invite à rejoindre l’e-communauté « ${n.communityName} », un espace d’échange entre agents territoriaux.`,
      ...(n.communityDescription ? [n.communityDescription] : []),
      ...(n.message ? [`Son message : « ${n.message} »`] : []),
      `Suivez ce lien, valable jusqu’au ${n.expires}, pour créer votre compte ou vous connecter : vous rejoindrez l’e-communauté directement.`,
    ],
    { label: 'Accepter l’invitation', url: n.url },
    ['Si vous ne connaissez pas cette personne, ignorez ce message : aucun compte n’est créé sans vous.'],
  );
}

export interface NewDeviceNotice {
  /** Date and time of the sign-in, already written in French (Paris time). */
  at: string;
  browser: string;
  system: string;
  /** How the person signed in, in French (common/sessions.ts). */
  method: string;
}

/** Sent at each sign-in from a browser the account was never used from (accounts/devices.ts). */
export function newDeviceMail(publicUrl: string, to: string, firstName: string, n: NewDeviceNotice): Mail {
  return build(
    to,
    'Nouvelle connexion à votre compte',
    `Bonjour ${firstName},`,
    [
      'Votre compte sur le réseau des e-communautés vient d’être utilisé depuis un appareil que nous ne connaissions pas :',
      `Date : ${n.at}. Navigateur : ${n.browser}. Système : ${n.system}. Moyen de connexion : ${n.method}.`,
      'Si c’est vous, il n’y a rien à faire.',
      'Si ce n’est pas vous, ouvrez « Mes appareils » pour mettre fin à cette session :',
    ],
    { label: 'Voir mes appareils', url: `${publicUrl}/profil/appareils` },
    [
      'Changez ensuite votre mot de passe depuis votre profil : toutes vos autres sessions seront fermées. Si vous vous connectez avec ProConnect, prévenez aussi le service informatique de votre collectivité.',
    ],
  );
}

/**
 * First sign-in of a member whose account was brought in by an import (exchange bundle or CSV list): the platform
 * never knew their old password, so the link lets them choose one and accept the CGU. Also sent instead of a
 * password reset while the account is not activated.
 */
export function welcomeMail(publicUrl: string, to: string, firstName: string, token: string, days: number): Mail {
  const url = `${publicUrl}/activation?token=${encodeURIComponent(token)}`;
  return build(
    to,
    'Votre compte sur la plateforme des e-communautés',
    `Bonjour ${firstName},`,
    [
      'Vos e-communautés ont rejoint une nouvelle plateforme, et votre compte vous y attend avec vos e-communautés.',
      'Pour vous connecter la première fois, choisissez votre mot de passe et acceptez les conditions générales d’utilisation en suivant ce lien, '
        + `valable ${days} jours et utilisable une seule fois :`,
    ],
    { label: 'Activer mon compte', url },
    [
      'Vous pouvez aussi vous connecter avec ProConnect, avec cette même adresse électronique.',
      'Lien expiré ? Demandez-en un nouveau avec « Mot de passe oublié » sur la page de connexion.',
    ],
  );
}

/** The national team removed a person's second factors (lost phone, lost key): they hear of it at once. */
export function mfaResetMail(publicUrl: string, to: string, firstName: string): Mail {
  return build(
    to,
    'Votre second facteur de connexion a été réinitialisé',
    `Bonjour ${firstName},`,
    [
      'L’équipe nationale a retiré les seconds facteurs de votre compte (application d’authentification, clés d’accès et codes de secours). Toutes vos sessions ont été fermées.',
      'À votre prochaine connexion, associez de nouveau une application d’authentification ou une clé d’accès depuis la page « Sécurité du compte ».',
    ],
    { label: 'Se connecter', url: `${publicUrl}/connexion` },
    ['Si vous n’avez pas demandé cette réinitialisation, prévenez sans attendre l’équipe nationale : quelqu’un cherche peut-être à accéder à votre compte.'],
  );
}
