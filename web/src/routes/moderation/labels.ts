import type { ModerationAction } from './api';

/** French names of the moderation actions, as buttons and in the audit log. */
export const ACTION_LABELS: Record<ModerationAction, string> = {
  keep: 'Conserver',
  hide: 'Masquer',
  unhide: 'Rétablir',
  edit: 'Modifier',
  anonymise: 'Anonymiser',
  delete: 'Supprimer',
  warn: 'Avertir l’auteur·e',
  suspend: 'Suspendre de l’e-communauté',
  ban: 'Exclure du réseau',
};

/** Past participles for the log and the author's history ("masqué"). */
export const ACTION_DONE: Record<ModerationAction, string> = {
  keep: 'conservé (signalements classés)',
  hide: 'masqué',
  unhide: 'rétabli',
  edit: 'modifié',
  anonymise: 'anonymisé',
  delete: 'supprimé',
  warn: 'averti',
  suspend: 'suspendu',
  ban: 'exclu du réseau',
};

const HISTORY_WORDS: Record<string, [string, string]> = {
  hide: ['contenu masqué', 'contenus masqués'],
  edit: ['contenu modifié', 'contenus modifiés'],
  anonymise: ['contenu anonymisé', 'contenus anonymisés'],
  delete: ['contenu supprimé', 'contenus supprimés'],
  warn: ['avertissement', 'avertissements'],
  suspend: ['suspension', 'suspensions'],
  ban: ['exclusion', 'exclusions'],
};

/** "2 avertissements, 1 contenu masqué" or "aucune décision de modération". */
export function historyText(actions: Record<string, number>): string {
  const parts = Object.entries(actions)
    .filter(([, n]) => n > 0)
    .map(([a, n]) => {
      const [one, many] = HISTORY_WORDS[a] ?? [a, a];
      return `${n} ${n > 1 ? many : one}`;
    });
  return parts.length > 0 ? parts.join(', ') : 'aucune décision de modération';
}

function split(ms: number) {
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}

/** "2 h", "3 j 4 h", "12 min": how long a flag has been waiting. */
export function waitingShort(sinceIso: string, now = Date.now()): string {
  const { days, hours, minutes } = split(now - Date.parse(sinceIso));
  if (days > 0) return hours > 0 ? `${days} j ${hours} h` : `${days} j`;
  if (hours > 0) return `${hours} h`;
  return `${minutes} min`;
}

/** The same in words, for screen readers. */
export function waitingLong(sinceIso: string, now = Date.now()): string {
  const { days, hours, minutes } = split(now - Date.parse(sinceIso));
  const w = (n: number, one: string) => `${n} ${one}${n > 1 ? 's' : ''}`;
  if (days > 0) return hours > 0 ? `${w(days, 'jour')} et ${w(hours, 'heure')}` : w(days, 'jour');
  if (hours > 0) return w(hours, 'heure');
  return w(minutes, 'minute');
}

/** A duration in seconds as "3 h 20 min", "2 j 5 h", or "—". */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const { days, hours, minutes } = split(seconds * 1000);
  if (days > 0) return hours > 0 ? `${days} j ${hours} h` : `${days} j`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}
