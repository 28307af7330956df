import type { RegisterEntry } from './types.js';

const OWN = 'Le membre seul.';

/** Drafts, bookmarks and reading state: what a member keeps for themself while reading and writing. */
export const readingEntries: RegisterEntry[] = [
  {
    table: 'drafts',
    columns: ['user_id', 'title', 'body'],
    subject: 'user_id = $1',
    purpose: 'Brouillons enregistrés pendant la saisie (publication, commentaire, message, rapport), retrouvés sur un autre appareil.',
    legalBasis: 'contrat',
    retention: 'Jusqu’à la publication du texte ou sa suppression par le membre ; supprimés à la suppression du compte.',
    readers: OWN,
    export: 'drafts',
    deletion: { action: 'delete' },
  },
  {
    table: 'bookmarks',
    columns: ['user_id'],
    subject: 'user_id = $1',
    purpose: 'Publications enregistrées par le membre (« Mes enregistrements »).',
    legalBasis: 'contrat',
    retention: 'Jusqu’à ce que le membre les retire ; supprimés à la suppression du compte.',
    readers: OWN,
    export: 'bookmarks',
    deletion: { action: 'delete' },
  },
  {
    table: 'post_reads',
    columns: ['user_id'],
    subject: 'user_id = $1',
    purpose: 'Dernière lecture de chaque publication, pour signaler les nouveaux commentaires.',
    legalBasis: 'contrat',
    retention: 'Tant que le compte existe.',
    readers: OWN,
    export: 'postReads',
    deletion: { action: 'delete' },
  },
  {
    table: 'community_visits',
    columns: ['user_id'],
    subject: 'user_id = $1',
    purpose: 'Dernière visite de chaque e-communauté, pour signaler les nouvelles publications.',
    legalBasis: 'contrat',
    retention: 'Tant que le compte existe.',
    readers: OWN,
    export: 'communityVisits',
    deletion: { action: 'delete' },
  },
];
