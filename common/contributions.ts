/**
 * How an animator's contributions are counted, shared by the API (which counts) and the web
 * client (which shows these definitions next to the figures). Each source belongs to exactly
 * one family; the SQL for each source lives in server/src/modules/steering/families.ts.
 */

export type ContributionFamily = 'veille' | 'animation' | 'redaction';

export type ContributionSource =
  | 'veille_post'
  | 'partage'
  | 'event_added'
  | 'event_updated'
  | 'question_answer'
  | 'relaunch_reply'
  | 'moderation_action'
  | 'ressource'
  | 'article'
  | 'poll_launch'
  | 'poll_results'
  | 'dossier';

export interface SourceDefinition {
  code: ContributionSource;
  family: ContributionFamily;
  label: string;
  /** What is counted, in one sentence, for the people reading the dashboard. */
  description: string;
}

export const FAMILY_LABELS: Record<ContributionFamily, string> = {
  veille: 'Veille',
  animation: 'Animation',
  redaction: 'Rédaction',
};

export const FAMILIES: readonly ContributionFamily[] = ['veille', 'animation', 'redaction'];

export const CONTRIBUTION_SOURCES: readonly SourceDefinition[] = [
  { code: 'veille_post', family: 'veille', label: 'Publications de veille', description: 'Chaque publication de type « veille ».' },
  { code: 'partage', family: 'veille', label: 'Partages d’autres e-communautés', description: 'Chaque publication partagée depuis une autre e-communauté.' },
  { code: 'event_added', family: 'veille', label: 'Événements ajoutés à l’agenda', description: 'Chaque événement publié dans l’agenda.' },
  {
    code: 'event_updated', family: 'veille', label: 'Événements mis à jour',
    description: 'Un événement modifié après sa création, compté une fois (au mois de sa dernière modification) et attribué à son auteur·e.',
  },
  { code: 'question_answer', family: 'animation', label: 'Réponses aux questions', description: 'Chaque commentaire de l’équipe d’animation sous une question.' },
  { code: 'relaunch_reply', family: 'animation', label: 'Relances de discussion', description: 'Chaque autre commentaire de l’équipe d’animation.' },
  { code: 'moderation_action', family: 'animation', label: 'Actions de modération', description: 'Chaque action inscrite au journal de modération.' },
  { code: 'ressource', family: 'animation', label: 'Valorisation de ressources', description: 'Chaque publication de type « ressource » (ressources institutionnelles).' },
  { code: 'article', family: 'redaction', label: 'Articles originaux', description: 'Chaque article, hors publication des résultats d’un sondage.' },
  { code: 'poll_launch', family: 'redaction', label: 'Sondages lancés', description: 'Chaque sondage ou enquête publié.' },
  { code: 'poll_results', family: 'redaction', label: 'Résultats publiés', description: 'Chaque publication des résultats d’un sondage (comptée une seule fois).' },
  { code: 'dossier', family: 'redaction', label: 'Dossiers', description: 'Chaque dossier créé.' },
];

/** Monthly contributions expected of an animator when the coordinator set nothing. */
export const DEFAULT_MONTHLY_TARGET = 20;
export const MAX_MONTHLY_TARGET = 500;

/**
 * A family is "under-represented" below half of an even third of the month's total.
 * Returns the families to strengthen (empty when balanced or when nothing was counted).
 */
export function underRepresented(counts: Record<ContributionFamily, number>): ContributionFamily[] {
  const total = FAMILIES.reduce((sum, f) => sum + counts[f], 0);
  if (total === 0) return [];
  return FAMILIES.filter((f) => counts[f] / total < 1 / 6);
}

/** "équilibré" or "à rééquilibrer : peu de veille et de rédaction". */
export function balanceMessage(counts: Record<ContributionFamily, number>): string {
  const total = FAMILIES.reduce((sum, f) => sum + counts[f], 0);
  if (total === 0) return 'aucune contribution comptée ce mois-ci';
  // "de veille", "d’animation", "de rédaction": elision before a vowel.
  const low = underRepresented(counts).map((f) => {
    const word = FAMILY_LABELS[f].toLowerCase();
    return /^[aeiouéè]/.test(word) ? `d’${word}` : `de ${word}`;
  });
  if (low.length === 0) return 'équilibré';
  const list = low.length === 1 ? low[0] : `${low.slice(0, -1).join(', ')} et ${low[low.length - 1]}`;
  return `à rééquilibrer : peu ${list}`;
}
