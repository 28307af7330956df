/** Demo network: people and communities. Every text here is read by visitors of the demo, hence in French. */

export const DEMO_PASSWORD = 'demo-e-communautes';

export interface DemoUser {
  key: string;
  email: string;
  firstName: string;
  lastName: string;
  employer: string;
  job: string;
  departement: string;
  bio?: string;
  nationalRole?: 'admin';
}

function member(key: string, firstName: string, lastName: string, employer: string, job: string, departement: string): DemoUser {
  const local = `${firstName}.${lastName}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z.-]/g, '').toLowerCase();
  return { key, email: `${local}@e-communautes.test`, firstName, lastName, employer, job, departement };
}

/** One account per role first (listed in the README), then ordinary members. */
export const DEMO_USERS: DemoUser[] = [
  {
    key: 'admin', email: 'admin@e-communautes.test', firstName: 'Hélène', lastName: 'Marchand',
    employer: 'CNFPT — Direction du développement de l’offre de service (DDOS)', job: 'Responsable du pilotage national des e-communautés',
    departement: '75', nationalRole: 'admin',
    bio: 'J’anime le réseau national des coordonnateurs et animateurs des e-communautés. N’hésitez pas à me solliciter pour toute question sur le fonctionnement du réseau.',
  },
  {
    key: 'coordination', email: 'coordination@e-communautes.test', firstName: 'Julien', lastName: 'Ferrand',
    employer: 'CNFPT — Délégation Hauts-de-France', job: 'Conseiller formation, coordonnateur de l’e-communauté Politique de la Ville',
    departement: '59',
    bio: 'Conseiller formation au CNFPT depuis huit ans, spécialiste de la cohésion sociale et du développement territorial.',
  },
  {
    key: 'animation', email: 'animation@e-communautes.test', firstName: 'Samira', lastName: 'Benali',
    employer: 'Ville de Roubaix', job: 'Cheffe de projet politique de la ville', departement: '59',
    bio: 'Cheffe de projet contrat de ville à Roubaix, j’anime l’e-communauté Politique de la Ville. Posez vos questions : je réponds sous trois jours.',
  },
  {
    key: 'membre', email: 'membre@e-communautes.test', firstName: 'Thomas', lastName: 'Lefèvre',
    employer: 'Ville de Montreuil', job: 'Chargé de mission renouvellement urbain', departement: '93',
    bio: 'Chargé de mission NPNRU, curieux des liens entre rénovation urbaine et adaptation au changement climatique.',
  },
  member('claire', 'Claire', 'Dubois', 'Métropole de Lyon', 'Directrice de projet renouvellement urbain', '69'),
  member('karim', 'Karim', 'Haddad', 'Conseil départemental de la Seine-Saint-Denis', 'Chargé de mission cohésion sociale', '93'),
  member('aurelie', 'Aurélie', 'Morel', 'Ville de Marseille', 'Coordonnatrice de la cité éducative', '13'),
  member('mathieu', 'Mathieu', 'Garnier', 'Ville de Grigny', 'Responsable de la gestion urbaine de proximité', '91'),
  member('fatou', 'Fatou', 'Diallo', 'Ville de Saint-Denis', 'Coordinatrice des adultes-relais', '93'),
  member('sebastien', 'Sébastien', 'Roux', 'Toulouse Métropole', 'Chef de projet contrat de ville', '31'),
  member('isabelle', 'Isabelle', 'Fontaine', 'Communauté d’agglomération du Douaisis', 'Directrice de la cohésion sociale', '59'),
  member('nicolas', 'Nicolas', 'Bertrand', 'Ville de Nantes', 'Agent de développement local', '44'),
  member('elodie', 'Élodie', 'Girard', 'Ville de Strasbourg', 'Chargée de mission participation citoyenne', '67'),
  member('yannick', 'Yannick', 'Le Gall', 'Brest métropole', 'Directeur des finances', '29'),
  member('sophie', 'Sophie', 'Lambert', 'Département du Nord', 'Responsable de la préparation budgétaire', '59'),
  member('antoine', 'Antoine', 'Mercier', 'Ville de Villeurbanne', 'Contrôleur de gestion', '69'),
  member('nadia', 'Nadia', 'Cherif', 'Ville de Bordeaux', 'Responsable de la gestion des carrières', '33'),
  member('pierreyves', 'Pierre-Yves', 'Caron', 'Centre de gestion de la fonction publique territoriale du Rhône', 'Conseiller statutaire', '69'),
  member('laura', 'Laura', 'Vasseur', 'Région Hauts-de-France', 'Chargée de mission transition écologique', '59'),
  member('hugo', 'Hugo', 'Perret', 'Grenoble-Alpes Métropole', 'Chargé de mission plan climat-air-énergie territorial', '38'),
  member('manon', 'Manon', 'Chevalier', 'Ville de Rennes', 'Acheteuse publique', '35'),
  member('olivier', 'Olivier', 'Blanchard', 'Communauté de communes du Pays de Landerneau-Daoulas', 'Directeur général des services', '29'),
  member('ines', 'Inès', 'Rahmani', 'Ville de Vaulx-en-Velin', 'Chargée de mission éducation, cité éducative', '69'),
  member('damien', 'Damien', 'Robin', 'Ville de Mulhouse', 'Chef de projet NPNRU', '68'),
  member('marion', 'Marion', 'Faure', 'Communauté urbaine de Dunkerque', 'Chargée de mission gestion urbaine et sociale de proximité', '59'),
  member('jerome', 'Jérôme', 'Lacroix', 'Ville de Clichy-sous-Bois', 'Responsable du service jeunesse', '93'),
  member('valerie', 'Valérie', 'Royer', 'CNFPT — Délégation Auvergne-Rhône-Alpes', 'Conseillère formation, coordonnatrice des e-communautés Finances locales et Commande publique', '69'),
  member('bruno', 'Bruno', 'Collet', 'CNFPT — Délégation Bretagne', 'Conseiller formation, coordonnateur des e-communautés Ressources humaines et Transition écologique', '35'),
];

export interface DemoCommunity {
  slug: string;
  name: string;
  description: string;
  perimeter: string;
  targetAudience: string;
  editorialLine: string;
  status: 'draft' | 'open';
  launchDate: string | null;
  related: string[];
  coordinators: string[];
  animators: string[];
  members: string[];
}

export const DEMO_COMMUNITIES: DemoCommunity[] = [
  {
    slug: 'politique-de-la-ville',
    name: 'Politique de la Ville',
    description: 'La communauté des professionnels territoriaux de la politique de la ville : contrats de ville, renouvellement urbain, cités éducatives, gestion urbaine de proximité et participation des habitants.',
    perimeter: 'La politique de la ville dans toutes ses dimensions : pilotage et animation des contrats de ville « Engagements Quartiers 2030 », observation des quartiers prioritaires (QPV), renouvellement urbain (NPNRU) et relations avec l’ANRU, cités éducatives, gestion urbaine et sociale de proximité, médiation sociale et adultes-relais, participation des habitants et conseils citoyens, emploi et développement économique dans les quartiers, tranquillité publique.\n\nSont traités les aspects réglementaires, financiers (dotation politique de la ville, abattement de TFPB, crédits du programme 147) et méthodologiques, ainsi que les retours d’expérience des territoires, urbains comme ruraux.',
    targetAudience: 'Les agents des collectivités et de leurs groupements qui travaillent dans ou pour les quartiers prioritaires : directeurs et chefs de projet politique de la ville, chargés de mission renouvellement urbain, coordonnateurs de cités éducatives, agents de développement local, responsables de la gestion urbaine de proximité, encadrants d’adultes-relais. Les agents des services thématiques associés aux contrats de ville (éducation, emploi, santé, sécurité, habitat) y sont les bienvenus.',
    editorialLine: 'Un espace d’échange entre pairs, concret et bienveillant. On y partage des pratiques et des outils (conventions, tableaux de bord, fiches de poste anonymisées), on y décrypte l’actualité réglementaire et on y pose ses questions : l’équipe d’animation répond sous trois jours, en renvoyant vers les ressources du CNFPT et des acteurs institutionnels (ANCT, ANRU, centres de ressources politique de la ville).\n\nLes échanges respectent la charte éditoriale : devoir de réserve, anonymisation des situations individuelles, aucune démarche commerciale.',
    status: 'open',
    launchDate: '2023-02-01',
    related: ['transition-ecologique', 'finances-locales'],
    coordinators: ['coordination'],
    animators: ['animation'],
    members: ['membre', 'claire', 'karim', 'aurelie', 'mathieu', 'fatou', 'sebastien', 'isabelle', 'nicolas', 'elodie', 'ines', 'damien', 'marion', 'jerome', 'laura', 'olivier', 'admin'],
  },
  {
    slug: 'finances-locales',
    name: 'Finances locales',
    description: 'Budget, comptabilité, fiscalité et dotations : la communauté des financiers territoriaux.',
    perimeter: 'Préparation et exécution budgétaires, nomenclature M57, fiabilisation des comptes et compte financier unique, fiscalité locale, dotations de l’État, dette et trésorerie, pilotage financier et prospective.',
    targetAudience: 'Directeurs et responsables financiers, gestionnaires budgétaires et comptables, contrôleurs de gestion, secrétaires généraux de mairie et directeurs généraux des services des petites collectivités.',
    editorialLine: 'Des échanges précis et sourcés : chaque réponse renvoie autant que possible au texte applicable. Les situations particulières sont anonymisées ; la communauté partage des pratiques, elle ne remplace pas le conseil du comptable public.',
    status: 'open',
    launchDate: '2016-09-15',
    related: ['politique-de-la-ville', 'commande-publique', 'ressources-humaines'],
    coordinators: ['valerie'],
    animators: ['yannick'],
    members: ['membre', 'sophie', 'antoine', 'olivier', 'isabelle', 'manon', 'admin'],
  },
  {
    slug: 'ressources-humaines',
    name: 'Ressources humaines',
    description: 'Statut, carrières, rémunération, qualité de vie au travail : la communauté des professionnels RH des collectivités.',
    perimeter: 'Gestion statutaire et carrières, recrutement, rémunération et protection sociale complémentaire, dialogue social, lignes directrices de gestion, prévention et qualité de vie au travail, gestion prévisionnelle des emplois et des compétences.',
    targetAudience: 'Directeurs et responsables des ressources humaines, gestionnaires carrière-paie, conseillers en prévention, agents des centres de gestion, directeurs généraux des services.',
    editorialLine: 'Une entraide entre praticiens des RH. On cite ses sources, on respecte la confidentialité des situations individuelles et on garde à l’esprit que le statut évolue : les contributions anciennes sont datées.',
    status: 'open',
    launchDate: '2016-09-15',
    related: ['finances-locales'],
    coordinators: ['bruno'],
    animators: ['nadia'],
    members: ['pierreyves', 'olivier', 'antoine', 'sophie', 'jerome', 'admin'],
  },
  {
    slug: 'transition-ecologique',
    name: 'Transition écologique',
    description: 'Climat, énergie, biodiversité et sobriété : comment les collectivités mènent la transition écologique.',
    perimeter: 'Plans climat-air-énergie territoriaux, rénovation énergétique du patrimoine, adaptation au changement climatique, biodiversité et renaturation, mobilités, budget vert et évaluation climat des politiques publiques.',
    targetAudience: 'Chargés de mission transition écologique et énergie, techniciens des services patrimoine, urbanisme et espaces verts, directeurs généraux et directeurs de projet.',
    editorialLine: 'Des retours d’expérience chiffrés plutôt que des intentions : ce qui a été fait, ce que cela a coûté, ce qui a marché ou non.',
    status: 'open',
    launchDate: '2019-03-01',
    related: ['politique-de-la-ville'],
    coordinators: ['bruno'],
    animators: ['hugo'],
    members: ['membre', 'laura', 'antoine', 'claire', 'damien', 'mathieu', 'admin'],
  },
  {
    slug: 'commande-publique',
    name: 'Commande publique',
    description: 'Achat public responsable, procédures et exécution des marchés : communauté en préparation.',
    perimeter: 'Définition des besoins, procédures de passation, clauses sociales et environnementales, exécution financière des marchés, dématérialisation.',
    targetAudience: 'Acheteurs publics, juristes de la commande publique, responsables des services prescripteurs.',
    editorialLine: 'À définir avec le premier binôme coordonnateur-animateur avant l’ouverture.',
    status: 'draft',
    launchDate: null,
    related: ['finances-locales'],
    coordinators: ['valerie'],
    animators: ['manon'],
    members: ['admin'],
  },
];
