/**
 * French regions and the départements they hold: the one mapping the directory filters by and the
 * forms list. Overseas collectivities (977, 978, 986–988) are not in a region; they are grouped
 * under their own heading so that every département code a profile accepts belongs somewhere.
 */
export interface Region {
  code: string;
  name: string;
  departements: readonly string[];
}

export const REGIONS: readonly Region[] = [
  { code: 'ARA', name: 'Auvergne-Rhône-Alpes', departements: ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74'] },
  { code: 'BFC', name: 'Bourgogne-Franche-Comté', departements: ['21', '25', '39', '58', '70', '71', '89', '90'] },
  { code: 'BRE', name: 'Bretagne', departements: ['22', '29', '35', '56'] },
  { code: 'CVL', name: 'Centre-Val de Loire', departements: ['18', '28', '36', '37', '41', '45'] },
  { code: 'COR', name: 'Corse', departements: ['2A', '2B'] },
  { code: 'GES', name: 'Grand Est', departements: ['08', '10', '51', '52', '54', '55', '57', '67', '68', '88'] },
  { code: 'HDF', name: 'Hauts-de-France', departements: ['02', '59', '60', '62', '80'] },
  { code: 'IDF', name: 'Île-de-France', departements: ['75', '77', '78', '91', '92', '93', '94', '95'] },
  { code: 'NOR', name: 'Normandie', departements: ['14', '27', '50', '61', '76'] },
  { code: 'NAQ', name: 'Nouvelle-Aquitaine', departements: ['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87'] },
  { code: 'OCC', name: 'Occitanie', departements: ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'] },
  { code: 'PDL', name: 'Pays de la Loire', departements: ['44', '49', '53', '72', '85'] },
  { code: 'PAC', name: 'Provence-Alpes-Côte d’Azur', departements: ['04', '05', '06', '13', '83', '84'] },
  { code: 'GUA', name: 'Guadeloupe', departements: ['971'] },
  { code: 'MTQ', name: 'Martinique', departements: ['972'] },
  { code: 'GUF', name: 'Guyane', departements: ['973'] },
  { code: 'LRE', name: 'La Réunion', departements: ['974'] },
  { code: 'MAY', name: 'Mayotte', departements: ['976'] },
  { code: 'COM', name: 'Collectivités d’outre-mer', departements: ['975', '977', '978', '986', '987', '988'] },
];

const BY_DEPARTEMENT = new Map(REGIONS.flatMap((r) => r.departements.map((d) => [d, r] as const)));

/** The region of a département code, or null for an empty or unknown code. */
export function regionOf(departement: string): Region | null {
  return BY_DEPARTEMENT.get(departement) ?? null;
}

export function findRegion(code: string): Region | null {
  return REGIONS.find((r) => r.code === code) ?? null;
}
