import type { ArticleType, PostKind } from '../api/types';

/** French names of the kinds of post, as readers see them on badges and filters. */
export const KIND_LABELS: Record<PostKind, string> = {
  discussion: 'Discussion',
  question: 'Question',
  article: 'Article',
  veille: 'Veille',
  ressource: 'Ressource',
  evenement: 'Événement',
  sondage: 'Sondage',
  partage: 'Partage',
};

export const KIND_TONES: Record<PostKind, 'neutral' | 'success' | 'warning' | 'info'> = {
  discussion: 'neutral',
  question: 'warning',
  article: 'info',
  veille: 'success',
  ressource: 'success',
  evenement: 'info',
  sondage: 'warning',
  partage: 'neutral',
};

export const ARTICLE_TYPE_LABELS: Record<ArticleType, string> = {
  expertise: 'Expertise',
  analyse_reglementaire: 'Analyse réglementaire',
  contextualisation_veille: 'Contextualisation de la veille',
  retour_experience: 'Retour d’expérience',
  autre: 'Autre',
};

/** Every kind, in the order filters list them. */
export const ALL_KINDS = Object.keys(KIND_LABELS) as PostKind[];
