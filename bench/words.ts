/** Word lists and a seeded generator for realistic-looking French content at scale. */

/** Small, fast, seeded PRNG (mulberry32): the same seed gives the same data set. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

export const FIRST_NAMES = [
  'Camille', 'Julie', 'Nathalie', 'Sophie', 'Isabelle', 'Claire', 'Aurélie', 'Sandrine', 'Céline', 'Émilie', 'Laure', 'Marion',
  'Élodie', 'Caroline', 'Anne', 'Valérie', 'Hélène', 'Sarah', 'Manon', 'Léa', 'Inès', 'Fatou', 'Samira', 'Nadia', 'Amina',
  'Chloé', 'Pauline', 'Audrey', 'Virginie', 'Delphine', 'Karine', 'Agnès', 'Mélanie', 'Lucie', 'Margaux', 'Yasmine',
  'Thomas', 'Nicolas', 'Julien', 'Sébastien', 'Pierre', 'Mathieu', 'Antoine', 'Olivier', 'Jérôme', 'Christophe', 'Laurent',
  'Stéphane', 'David', 'Frédéric', 'Guillaume', 'Romain', 'Alexandre', 'Hugo', 'Damien', 'Karim', 'Mehdi', 'Yannick',
  'François', 'Benoît', 'Vincent', 'Éric', 'Philippe', 'Bruno', 'Cédric', 'Arnaud', 'Loïc', 'Maxime', 'Rachid', 'Moussa',
];

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent',
  'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier',
  'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin',
  'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine',
  'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer', 'Denis', 'Lemaire', 'Duval', 'Joly', 'Gautier',
  'Roger', 'Roche', 'Roy', 'Noël', 'Meyer', 'Lucas', 'Meunier', 'Jean', 'Perez', 'Marchand', 'Dufour', 'Blanchard', 'Marie',
  'Barbier', 'Brun', 'Dumas', 'Brunet', 'Schmitt', 'Leroux', 'Colin', 'Fernandez', 'Pierre', 'Renard', 'Arnaud', 'Rolland',
  'Caron', 'Aubert', 'Giraud', 'Leclerc', 'Vidal', 'Bourgeois', 'Renaud', 'Lemoine', 'Picard', 'Gaillard', 'Philippe',
  'Haddad', 'Benali', 'Diallo', 'Cherif', 'Traoré', 'Le Gall', 'Le Goff', 'Kerbrat', 'Benoît', 'Rey', 'Lacroix', 'Collet',
];

/** Places, each with its département, to build plausible employers. */
export const PLACES: readonly (readonly [string, string])[] = [
  ['Roubaix', '59'], ['Lille', '59'], ['Dunkerque', '59'], ['Douai', '59'], ['Lyon', '69'], ['Villeurbanne', '69'],
  ['Vaulx-en-Velin', '69'], ['Marseille', '13'], ['Aix-en-Provence', '13'], ['Toulouse', '31'], ['Nantes', '44'],
  ['Saint-Nazaire', '44'], ['Strasbourg', '67'], ['Mulhouse', '68'], ['Bordeaux', '33'], ['Mérignac', '33'], ['Rennes', '35'],
  ['Brest', '29'], ['Quimper', '29'], ['Grenoble', '38'], ['Montpellier', '34'], ['Nîmes', '30'], ['Nice', '06'],
  ['Toulon', '83'], ['Saint-Denis', '93'], ['Montreuil', '93'], ['Aubervilliers', '93'], ['Clichy-sous-Bois', '93'],
  ['Créteil', '94'], ['Vitry-sur-Seine', '94'], ['Grigny', '91'], ['Évry-Courcouronnes', '91'], ['Argenteuil', '95'],
  ['Sarcelles', '95'], ['Nanterre', '92'], ['Amiens', '80'], ['Reims', '51'], ['Metz', '57'], ['Nancy', '54'], ['Dijon', '21'],
  ['Besançon', '25'], ['Clermont-Ferrand', '63'], ['Limoges', '87'], ['Poitiers', '86'], ['Tours', '37'], ['Orléans', '45'],
  ['Le Mans', '72'], ['Angers', '49'], ['Caen', '14'], ['Rouen', '76'], ['Le Havre', '76'], ['Perpignan', '66'], ['Pau', '64'],
  ['Bayonne', '64'], ['Saint-Étienne', '42'], ['Valence', '26'], ['Avignon', '84'], ['Ajaccio', '2A'], ['Cayenne', '973'],
];

export const EMPLOYER_KINDS = [
  (p: string) => `Ville de ${p}`, (p: string) => `Ville de ${p}`, (p: string) => `Ville de ${p}`,
  (p: string) => `Métropole de ${p}`, (p: string) => `Communauté d’agglomération de ${p}`,
  (p: string) => `CCAS de ${p}`, (p: string) => `Centre de gestion (${p})`, (p: string) => `Communauté de communes du Pays de ${p}`,
];

export const JOBS = [
  'Cheffe de projet politique de la ville', 'Chef de projet contrat de ville', 'Chargée de mission renouvellement urbain',
  'Directeur des finances', 'Gestionnaire budgétaire', 'Contrôleuse de gestion', 'Responsable des ressources humaines',
  'Gestionnaire carrière-paie', 'Acheteuse publique', 'Juriste commande publique', 'Chargé de mission transition écologique',
  'Technicien bâtiment', 'Responsable des espaces verts', 'Directrice générale des services', 'Secrétaire de mairie',
  'Coordonnatrice de la cité éducative', 'Agent de développement local', 'Médiatrice sociale (adulte-relais)',
  'Responsable du service jeunesse', 'Directrice de la petite enfance', 'Bibliothécaire', 'Archiviste',
  'Responsable de la restauration collective', 'Chef de service voirie', 'Chargée de communication', 'Policier municipal',
  'Conseillère en prévention', 'Responsable des systèmes d’information', 'Travailleur social', 'Urbaniste',
];

export const COMMUNITY_NAMES = [
  'Politique de la Ville', 'Finances locales', 'Ressources humaines', 'Commande publique', 'Transition écologique',
  'Action sociale', 'Petite enfance', 'Éducation et périscolaire', 'Jeunesse', 'Sport', 'Culture', 'Lecture publique',
  'Archives', 'Urbanisme et aménagement', 'Habitat et logement', 'Mobilités', 'Voirie et réseaux', 'Espaces verts et nature en ville',
  'Eau et assainissement', 'Gestion des déchets', 'Énergie', 'Prévention des risques', 'Police municipale',
  'Prévention de la délinquance', 'Santé publique', 'Autonomie et grand âge', 'Restauration collective', 'Numérique et systèmes d’information',
  'Données et open data', 'Communication publique', 'Affaires juridiques', 'Assurances', 'Secrétariat de mairie',
  'Management et encadrement', 'Formation et compétences', 'Prévention et santé au travail', 'Développement économique',
  'Tourisme', 'Coopération internationale', 'Relation aux usagers',
];

const SUBJECTS = [
  'le contrat de ville', 'la programmation annuelle', 'le renouvellement urbain', 'la cité éducative', 'la gestion urbaine de proximité',
  'les adultes-relais', 'le conseil citoyen', 'le budget primitif', 'le débat d’orientation budgétaire', 'la nomenclature M57',
  'le plan pluriannuel d’investissement', 'les lignes directrices de gestion', 'la protection sociale complémentaire',
  'le télétravail', 'l’entretien professionnel', 'le plan de formation', 'les clauses sociales', 'l’achat responsable',
  'le plan climat', 'la rénovation énergétique des écoles', 'la végétalisation des cours', 'la sobriété énergétique',
  'la tarification sociale', 'l’accueil des usagers', 'la dématérialisation des démarches', 'le règlement intérieur',
  'la mutualisation des services', 'le schéma directeur', 'l’évaluation des politiques publiques', 'la participation des habitants',
];

const OPENERS = [
  'Retour d’expérience sur', 'Question sur', 'Comment organisez-vous', 'Partage de pratiques :', 'Veille :', 'Besoin d’avis sur',
  'Mettre en œuvre', 'Piloter', 'Évaluer', 'Simplifier', 'Outils pour', 'Calendrier de',
];

const CONTEXTS = [
  'dans une commune de 20 000 habitants', 'en intercommunalité', 'avec les partenaires', 'après la réforme',
  'en milieu rural', 'dans les quartiers prioritaires', 'avec un budget contraint', 'avec les élus', 'en mode projet',
  'avec les associations', 'à l’échelle métropolitaine', 'pour la première fois',
];

const ACTORS = ['Notre service', 'L’équipe projet', 'La direction générale', 'Le comité de pilotage', 'Notre collectivité', 'Le réseau des partenaires'];
const VERBS = ['a mis en place', 'expérimente', 'vient de revoir', 'réfléchit à', 'a formalisé', 'souhaite améliorer', 'prépare'];
const DETAILS = [
  'avec un calendrier partagé', 'en associant les habitants', 'grâce à un tableau de bord simple', 'avec l’appui du CNFPT',
  'sur la base d’un diagnostic partagé', 'en lien avec la préfecture', 'avec des indicateurs de suivi', 'en deux étapes',
];
const ASKS = [
  'Avez-vous des retours à partager ?', 'Comment faites-vous de votre côté ?', 'Quels outils utilisez-vous ?',
  'Des conseils avant de nous lancer ?', 'Je suis preneur de modèles anonymisés.', 'Merci d’avance pour vos retours.',
];
const REPLIES = [
  'Merci pour ce partage, très utile.', 'Nous avons fait la même chose l’an dernier, avec de bons résultats.',
  'Attention au calendrier : il faut anticiper la validation par les élus.', 'Je vous envoie notre trame par message.',
  'Même difficulté chez nous, je suis preneuse des réponses.', 'Le centre de gestion propose un modèle, pensez à le demander.',
  'Bonne idée, nous allons tester.', 'Les ressources du CNFPT sur ce sujet sont très complètes.', 'Nous avons associé les agents dès le départ, c’est ce qui a tout changé.',
  'Pouvez-vous préciser le coût de la démarche ?', 'Chez nous, c’est la direction générale qui pilote.', 'Très clair, merci !',
];
const LINKS = ['https://www.cnfpt.fr', 'https://agence-cohesion-territoires.gouv.fr', 'https://www.anru.fr', 'https://www.collectivites-locales.gouv.fr'];

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function title(r: () => number): string {
  const opener = pick(r, OPENERS);
  const t = `${opener} ${pick(r, SUBJECTS)} ${pick(r, CONTEXTS)}`;
  return opener.startsWith('Comment') ? `${t} ?` : t;
}

function sentence(r: () => number): string {
  return `${pick(r, ACTORS)} ${pick(r, VERBS)} ${pick(r, SUBJECTS)} ${pick(r, CONTEXTS)}, ${pick(r, DETAILS)}.`;
}

/** A post body in Markdown: paragraphs, sometimes a list, a link or emphasis. */
export function postBody(r: () => number): string {
  const parts: string[] = [];
  const paragraphs = 1 + Math.floor(r() * 3);
  for (let i = 0; i < paragraphs; i += 1) parts.push(`${sentence(r)} ${sentence(r)}`);
  if (r() < 0.4) parts.push(['- ' + cap(pick(r, SUBJECTS)), '- ' + cap(pick(r, SUBJECTS)), '- ' + cap(pick(r, SUBJECTS))].join('\n'));
  if (r() < 0.3) parts.push(`Ressource utile : [${pick(r, LINKS).replace('https://', '')}](${pick(r, LINKS)}).`);
  parts.push(r() < 0.3 ? `**${pick(r, ASKS)}**` : pick(r, ASKS));
  return parts.join('\n\n');
}

export function commentBody(r: () => number): string {
  const base = pick(r, REPLIES);
  return r() < 0.5 ? `${base} ${sentence(r)}` : base;
}
