/**
 * « Ressources CNFPT »: resources of the CNFPT catalogue an animation team puts forward in its community.
 * Shared by the server (validation, check constraint) and the web client (labels, forms).
 */

export const CNFPT_RESOURCE_TYPES = ['formation', 'lid', 'publication', 'autre'] as const;
export type CnfptResourceType = (typeof CNFPT_RESOURCE_TYPES)[number];

export const CNFPT_RESOURCE_LABELS: Record<CnfptResourceType, string> = {
  formation: 'Formation',
  lid: 'Numéro de la LID',
  publication: 'Publication',
  autre: 'Autre ressource',
};

/** The source recorded on the post's link: every card says where the resource comes from. */
export const CNFPT_LINK_SOURCE = 'CNFPT';
