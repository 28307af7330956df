/**
 * Coordinator objectives and activity reports: definitions shared by the API (which measures)
 * and the web client (which shows what each figure means next to it).
 */

export type ObjectiveKind = 'quality' | 'growth' | 'regularity';

export interface ObjectiveDefinition {
  kind: ObjectiveKind;
  label: string;
  /** What is measured, in one sentence. */
  measure: string;
  unit: string;
  /** Used while the coordinator has set nothing. */
  defaultTarget: number;
  max: number;
}

export const OBJECTIVES: readonly ObjectiveDefinition[] = [
  {
    kind: 'quality', label: 'Qualité', unit: '%', defaultTarget: 80, max: 100,
    measure: 'Part des questions du mois dont l’issue est connue qui ont reçu une première réponse dans le délai.',
  },
  {
    kind: 'growth', label: 'Croissance de l’audience', unit: 'nouveaux membres', defaultTarget: 30, max: 100_000,
    measure: 'Nouveaux membres de l’e-communauté dans le mois.',
  },
  {
    kind: 'regularity', label: 'Régularité', unit: 'semaines', defaultTarget: 4, max: 6,
    measure: 'Semaines du mois (du lundi au dimanche, heure de Paris) où l’animateur·rice a contribué au moins une fois.',
  },
];

export const OBJECTIVE_KINDS: readonly ObjectiveKind[] = OBJECTIVES.map((o) => o.kind);

export const REPORT_LIMITS = {
  /** Each written part of an activity report. */
  text: 20_000,
  agenda: 5_000,
  minutes: 50_000,
  comment: 10_000,
  participantsMax: 50,
  /** A meeting reviews at most a year, in whole months. */
  periodMonthsMax: 12,
} as const;

/** The written parts of an activity report, in the order of the template. */
export const REPORT_SECTIONS = [
  { key: 'highlights', label: 'Faits marquants', hint: 'Ce qui a marqué la période : échanges, publications, événements.' },
  { key: 'difficulties', label: 'Difficultés rencontrées', hint: 'Ce qui a freiné l’animation et ce qui aiderait.' },
  { key: 'proposals', label: 'Propositions de dossiers et de ligne éditoriale', hint: 'Sujets à approfondir, inflexions de la ligne éditoriale.' },
  { key: 'rendezvous', label: 'Rendez-vous prévus', hint: 'Webinaires, rencontres, temps forts à venir.' },
] as const;

export type ReportSection = (typeof REPORT_SECTIONS)[number]['key'];

/** The coordination's verdict on a draft report before the meeting. */
export const REVIEW_STATUSES = { to_revise: 'à revoir', ready: 'prêt' } as const;
export type ReviewStatus = keyof typeof REVIEW_STATUSES;
