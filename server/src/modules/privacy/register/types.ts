/**
 * The processing register (RGPD art. 30) as data: one entry per table holding personal data, and an explicit
 * list of the tables holding none, so that every new table needs a decision. register.test.ts compares it
 * with the migrated database and with what export.ts and deletion.ts do; docs/privacy.md is rendered from it.
 */

export type LegalBasis = 'mission' | 'obligation' | 'contrat';

export const LEGAL_BASIS_LABEL: Record<LegalBasis, string> = {
  mission: 'Mission d’intérêt public (RGPD art. 6.1.e)',
  obligation: 'Obligation légale (RGPD art. 6.1.c)',
  contrat: 'Exécution des conditions d’utilisation acceptées (RGPD art. 6.1.b)',
};

/** What account deletion (privacy/deletion.ts) does to the member's rows of the table. */
export type Deletion =
  | { action: 'delete' }
  /** Rows stay (others rely on them) with these columns blanked ('' or NULL). */
  | { action: 'erase'; columns: string[]; note?: string }
  /** Rows stay as they are; the users row they point to is anonymised. */
  | { action: 'keep'; reason: string };

export interface RegisterEntry {
  table: string;
  /** Every column holding personal data: a person's id, identity, address, browser, free text. */
  columns: string[];
  /**
   * SQL condition selecting the member's rows ($1 = user id, $2 = lowered e-mail address);
   * null when a row never belongs to one member (the columns then only hold staff ids or shared text).
   */
  subject: string | null;
  purpose: string;
  legalBasis: LegalBasis;
  retention: string;
  /** Who can read it, besides the national administrators' database access. */
  readers: string;
  /** The key of « Exporter mes données » holding these rows, or why they are not in it. */
  export: string | { excluded: string };
  deletion: Deletion;
}

export interface NoPersonalData {
  table: string;
  why: string;
}
