import { isConnectionError } from '../db/connection-errors.js';

/** A start-up failure whose message already tells the operator, in French, what to do. */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/** Which step failed: the same error means different things while migrating or while listening. */
export type StartStep = 'config' | 'database' | 'migrations' | 'listen' | 'other';

export interface StartContext {
  step: StartStep;
  databaseUrl?: string;
  /** Set when the database is the embedded one (no DATABASE_URL). */
  embedded?: boolean;
  port?: number;
  /** The variable that sets `port` (PORT, or METRICS_PORT while the metrics server opens). */
  portVariable?: string;
  host?: string;
}

/** The address of DATABASE_URL without its password, to name it in a message. */
export function describeUrl(url: string | undefined): string {
  if (!url) return '(non définie)';
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}, base « ${u.pathname.replace(/^\//, '') || '?'} », utilisateur « ${decodeURIComponent(u.username) || '?'} »`;
  } catch {
    return '(adresse illisible)';
  }
}

function databaseName(url: string | undefined): string {
  try {
    return decodeURIComponent(new URL(url ?? '').pathname.replace(/^\//, '')) || 'nom_de_la_base';
  } catch {
    return 'nom_de_la_base';
  }
}

function databaseHint(err: { code?: string; message?: string }, ctx: StartContext): string | null {
  const where = ctx.embedded ? 'le PostgreSQL embarqué' : `PostgreSQL (DATABASE_URL : ${describeUrl(ctx.databaseUrl)})`;
  switch (err.code) {
    case '28P01': case '28000':
      return `${where} refuse l’identification : vérifiez l’utilisateur et le mot de passe de DATABASE_URL.`;
    case '3D000':
      return `La base indiquée n’existe pas sur ${where} : créez-la (« createdb ${databaseName(ctx.databaseUrl)} » sur le serveur) ou corrigez DATABASE_URL.`;
    case 'ENOTFOUND': case 'EAI_AGAIN':
      return `Le nom d’hôte de DATABASE_URL est introuvable (${describeUrl(ctx.databaseUrl)}) : corrigez l’adresse.`;
  }
  if (isConnectionError(err)) {
    return ctx.embedded
      ? `${where} ne répond pas : relancez « npm start » ; si cela se reproduit, lisez la fin du fichier postgres.log du dossier de données.`
      : `Impossible de joindre ${where} : vérifiez que le serveur PostgreSQL est démarré et accessible depuis cette machine, puis relancez.`;
  }
  return null;
}

/**
 * One French sentence (or two) for a failed start: what went wrong and what to do. Errors that
 * are already written for the operator (StartupError, configuration) pass through.
 */
export function explainStartFailure(error: unknown, ctx: StartContext): string {
  const err = (error ?? {}) as { code?: string; message?: string; syscall?: string; path?: string };
  const detail = err.message ? ` (détail : ${err.message})` : '';
  if (error instanceof StartupError) return err.message ?? String(error);
  if (err.code === 'EACCES' || err.code === 'EROFS' || err.code === 'EPERM' || err.code === 'ENOTDIR' || err.code === 'ENOSPC') {
    if (ctx.step !== 'listen') {
      return `Écriture impossible dans ${err.path ?? 'le dossier de données'} : donnez les droits d’écriture à l’utilisateur qui lance le service (et de la place sur le disque), ou choisissez un autre dossier avec DATA_DIR=…${detail}.`;
    }
  }
  // Configuration errors are written in French for the operator already.
  if (ctx.step === 'config') return err.message ?? String(error);
  if (ctx.step === 'listen') {
    if (err.code === 'EADDRINUSE') {
      return `Le port ${ctx.port} est déjà utilisé par un autre programme (peut-être une autre instance déjà lancée) : arrêtez-le, ou choisissez un autre port, par exemple « ${ctx.portVariable ?? 'PORT'}=${(ctx.port ?? 3000) + 1} npm start ».`;
    }
    if (err.code === 'EACCES') {
      return `Le système refuse l’ouverture du port ${ctx.port} (ports sous 1024 réservés à l’administrateur) : choisissez un port au-dessus de 1024 avec ${ctx.portVariable ?? 'PORT'}=…, derrière un proxy inverse.`;
    }
    if (err.code === 'EADDRNOTAVAIL') return `L’adresse HOST=${ctx.host} n’existe pas sur cette machine : corrigez HOST (0.0.0.0 pour toutes les interfaces).`;
  }
  const hint = databaseHint(err, ctx);
  if (ctx.step === 'migrations') {
    return `${hint ?? 'Les migrations de la base ont échoué.'} Chaque migration s’applique en entier ou pas du tout : corrigez la cause puis relancez « npm start », qui reprendra à la première migration non appliquée${hint ? '' : detail}.`;
  }
  if (hint) return hint;
  return `Le démarrage a échoué${detail}. Relancez « npm start » ; si l’erreur revient, signalez-la avec ces lignes.`;
}
