import type { DemoPost } from './demo-content.js';

export const FINANCES_POSTS: DemoPost[] = [
  {
    by: 'sophie', daysAgo: 5, useful: 7,
    title: 'Débat d’orientation budgétaire : vos trames de rapport',
    body: `La saison budgétaire commence. Nous refondons la trame de notre rapport d’orientation budgétaire pour la rendre lisible par les élus comme par les habitants.

Notre sommaire cible :

1. le contexte économique et les mesures de la loi de finances qui nous concernent ;
2. la situation financière : épargne brute, capacité de désendettement, niveau de dette ;
3. les orientations : fonctionnement, investissement pluriannuel, fiscalité ;
4. les informations obligatoires sur les effectifs et la structure de la dette.

Comment rendez-vous la partie prospective compréhensible ? Graphiques, scénarios, fiches par politique publique ?`,
    comments: [
      { by: 'antoine', h: 5, body: 'Nous présentons deux scénarios seulement, avec leurs conséquences sur la capacité de désendettement. Au-delà, les élus décrochent.' },
      { by: 'yannick', h: 22, body: 'Une page de synthèse « en un coup d’œil » en ouverture du rapport : c’est la seule que tout le monde lit, autant la soigner.' },
      { by: 'olivier', h: 48, body: 'Pour une petite intercommunalité, nous nous appuyons sur l’analyse financière fournie par le conseiller aux décideurs locaux de la DGFiP. Précieux.' },
    ],
  },
  {
    by: 'isabelle', daysAgo: 19, useful: 5,
    title: 'Dotation politique de la ville : calendrier et pièces justificatives',
    body: `Question à la croisée de nos deux métiers, financier et politique de la ville : comment organisez-vous le suivi de la dotation politique de la ville entre la direction des finances et l’équipe projet ?

Chez nous, les retards de justification d’exécution des opérations nous ont déjà coûté un report. Nous mettons en place un tableau partagé par opération (engagement, paiements, pièces transmises à la préfecture). Des conseils ?`,
    comments: [
      { by: 'yannick', h: 6, body: 'Un référent unique côté finances par dotation d’État : c’est lui qui relance les services. Depuis, plus aucun retard.' },
      { by: 'sophie', h: 30, body: 'Pensez à caler vos échéances sur le calendrier de la préfecture dès la notification : les délais de justification sont serrés.' },
    ],
  },
  {
    by: 'antoine', daysAgo: 41, useful: 9,
    title: 'Nomenclature M57 : ce que nous a vraiment apporté le passage',
    body: `Maintenant que la M57 est généralisée, un bilan honnête de notre passage :

- **la fongibilité des crédits** est un vrai gain de souplesse en cours d’année ;
- **l’amortissement au prorata temporis** a demandé un gros travail de paramétrage ;
- **la fiabilisation de l’inventaire**, préalable indispensable, a été le chantier le plus long.

Quels points vous ont posé le plus de difficultés ?`,
    comments: [
      { by: 'yannick', h: 10, body: 'Le prorata temporis aussi, surtout pour les petits biens : nous avons fixé un seuil en dessous duquel l’amortissement est simplifié, par délibération.' },
      { by: 'sophie', h: 36, body: 'Les règles de fongibilité doivent être très bien expliquées aux élus : elles sont votées, mais rarement comprises.' },
    ],
  },
  {
    by: 'yannick', daysAgo: 80, useful: 6,
    title: 'Fiabiliser l’inventaire : par où commencer ?',
    body: `Plusieurs d’entre vous m’ont interrogé sur la fiabilisation de l’inventaire et de l’état de l’actif. Voici la démarche que nous avons suivie avec notre comptable public :

1. rapprocher l’inventaire de l’ordonnateur et l’état de l’actif du comptable, compte par compte ;
2. traiter d’abord les écarts les plus importants en valeur ;
3. sortir les biens réformés ou détruits, avec des certificats administratifs ;
4. documenter les règles pour que le travail ne soit pas à refaire.

C’est un chantier de longue haleine, mais indispensable avant le compte financier unique.`,
    comments: [
      { by: 'antoine', h: 14, body: 'La convention de partenariat avec le service de gestion comptable nous a beaucoup aidés à partager le calendrier.' },
      { by: 'olivier', h: 50, body: 'Merci Yannick, je transmets à notre responsable comptable.' },
    ],
  },
];

export const RH_POSTS: DemoPost[] = [
  {
    by: 'nadia', daysAgo: 4, useful: 8,
    title: 'Lignes directrices de gestion : avez-vous révisé les vôtres ?',
    body: `Nos lignes directrices de gestion arrivent au terme de leur durée et nous préparons leur révision avec les représentants du personnel.

Nous voulons notamment clarifier les critères de promotion interne et d’avancement de grade, et mieux articuler les LDG avec notre plan d’égalité professionnelle.

Comment avez-vous associé les encadrants à la révision ? Avez-vous publié les critères aux agents ?`,
    comments: [
      { by: 'pierreyves', h: 7, body: 'Au centre de gestion, nous recommandons de publier les critères, avec des exemples. Les recours diminuent quand les règles sont connues.' },
      { by: 'olivier', h: 28, body: 'Dans une petite structure, nous avons fait simple : une réunion avec tous les encadrants et une note d’une page pour les agents.' },
    ],
  },
  {
    by: 'pierreyves', daysAgo: 22, useful: 12,
    title: 'Protection sociale complémentaire : où en sont vos négociations ?',
    body: `La participation obligatoire des employeurs territoriaux à la protection sociale complémentaire est entrée dans les faits pour la prévoyance, et l’échéance santé approche.

Beaucoup de collectivités adhèrent aux conventions de participation des centres de gestion ; d’autres négocient seules. Questions pour vous :

- avez-vous conclu un accord collectif local ?
- quel montant de participation avez-vous retenu, au-delà du minimum réglementaire ?
- comment avez-vous informé les agents ?`,
    comments: [
      { by: 'nadia', h: 3, body: 'Nous avons signé un accord local, avec une participation supérieure au minimum pour les plus bas salaires. Le dialogue social en est sorti renforcé.' },
      { by: 'antoine', h: 24, body: 'Question de contrôleur de gestion : avez-vous chiffré l’impact pluriannuel ? Les estimations varient beaucoup selon l’âge moyen des agents.' },
      { by: 'pierreyves', h: 30, reply: 1, body: 'Oui, c’est la première variable. Notre simulateur est à disposition des collectivités affiliées.' },
    ],
  },
  {
    by: 'olivier', daysAgo: 58, useful: 4,
    title: 'Recruter des contractuels : vos pratiques de publicité des postes',
    body: `Les difficultés de recrutement nous conduisent à recourir plus souvent aux contractuels sur des emplois permanents. Nous voulons sécuriser la procédure : publication sur la plateforme de l’emploi public, durée de publication, examen des candidatures de fonctionnaires.

Comment formalisez-vous la procédure de recrutement ? Une grille d’entretien commune, un jury-type ?`,
    comments: [
      { by: 'nadia', h: 8, body: 'Grille commune et jury d’au moins deux personnes, dont une de la DRH. Nous gardons une trace écrite de chaque étape : c’est ce qui sécurise en cas de contentieux.' },
      { by: 'pierreyves', h: 26, body: 'Le centre de gestion propose des modèles de procédure ; n’hésitez pas à les demander.' },
    ],
  },
  {
    by: 'nadia', daysAgo: 95, useful: 5,
    title: 'Entretien professionnel : simplifier la grille d’évaluation',
    body: `Notre grille d’entretien professionnel comptait vingt-deux critères et les encadrants la remplissaient mécaniquement. Nous l’avons ramenée à huit critères, regroupés autour des résultats, des compétences techniques, des qualités relationnelles et, pour les encadrants, de la capacité à manager.

Le comité social territorial a été consulté et la campagne s’est nettement mieux passée. Comment avez-vous formé vos encadrants à la conduite de l’entretien ?`,
    comments: [
      { by: 'pierreyves', h: 10, body: 'Une demi-journée de formation obligatoire pour les nouveaux encadrants, avec des mises en situation. Le CNFPT propose aussi des sessions en intra.' },
      { by: 'olivier', h: 33, body: 'Huit critères, c’est raisonnable. Nous sommes à dix, et je pense que nous pouvons encore simplifier.' },
    ],
  },
];

export const TRANSITION_POSTS: DemoPost[] = [
  {
    by: 'hugo', daysAgo: 7, useful: 10,
    title: 'PCAET : associer tous les services à la mise en œuvre',
    body: `Notre plan climat-air-énergie territorial est adopté ; le défi est désormais de le faire vivre au-delà de la direction environnement.

Nous avons désigné un **référent climat par direction**, formé et réuni chaque trimestre, et intégré un volet climat dans les notes de présentation des projets au bureau communautaire.

Vos retours sur :

- les outils de suivi des actions (tableur, logiciel dédié) ;
- l’évaluation climat des budgets ;
- la mobilisation des communes membres.`,
    comments: [
      { by: 'laura', h: 6, body: 'La Région accompagne plusieurs intercommunalités sur le suivi : l’essentiel est de limiter le nombre d’indicateurs à ce que l’on peut réellement mesurer.' },
      { by: 'antoine', h: 20, body: 'Le budget vert nous a permis de parler climat avec les financiers. Nous commençons par l’investissement, plus simple à qualifier.' },
    ],
  },
  {
    by: 'laura', daysAgo: 29, useful: 8,
    title: 'Décret tertiaire : où en êtes-vous sur le patrimoine scolaire ?',
    body: `Le dispositif éco-énergie tertiaire impose des réductions progressives de consommation d’énergie dans les bâtiments tertiaires de plus de 1 000 m². Les écoles, collèges et lycées représentent une large part du patrimoine concerné.

Nous partageons volontiers notre méthode : déclaration des consommations sur la plateforme dédiée, hiérarchisation des bâtiments selon leur potentiel, plan pluriannuel de travaux.

Qui a déjà mesuré les premiers résultats des actions de sobriété sans travaux (pilotage du chauffage, sensibilisation) ?`,
    comments: [
      { by: 'hugo', h: 9, body: 'Le pilotage à distance du chauffage dans les écoles a fait économiser près de 15 % en deux hivers, pour un investissement modeste.' },
      { by: 'damien', h: 40, body: 'Nous avons couplé la rénovation de deux écoles avec le NPNRU : le financement croisé n’a pas été simple, mais le résultat en vaut la peine.' },
    ],
  },
  {
    by: 'membre', daysAgo: 117, useful: 6,
    title: 'Îlots de fraîcheur dans les quartiers prioritaires',
    body: `Je relaie ici une question posée dans l’e-communauté Politique de la Ville : avez-vous des retours chiffrés sur la désimperméabilisation de cours d’immeubles ou d’écoles dans les quartiers prioritaires ?

Je cherche surtout des coûts d’investissement et d’entretien, et des retours sur l’appropriation par les habitants.`,
    comments: [
      { by: 'hugo', h: 12, body: 'Les agences de l’eau financent souvent ce type de projets : renseignez-vous avant de boucler votre plan de financement.' },
      { by: 'laura', h: 30, body: 'Le programme de cours « oasis » de plusieurs villes est bien documenté, avec des coûts au mètre carré.' },
      { by: 'membre', h: 44, reply: 0, body: 'Merci, je n’y avais pas pensé. Je contacte l’agence de l’eau.' },
    ],
  },
  {
    by: 'hugo', daysAgo: 66, useful: 7,
    title: 'Sobriété énergétique : quels gestes ont tenu dans la durée ?',
    body: `Trois hivers après les plans de sobriété, faisons le point : quelles mesures sont devenues des habitudes, lesquelles ont été abandonnées ?

Chez nous, **ont tenu** : la température de consigne à 19 °C dans les bureaux, l’extinction de l’éclairage public au cœur de la nuit dans les zones résidentielles, la fermeture de certains bâtiments pendant les vacances scolaires.

**Ont été abandonnées** : la réduction des horaires des piscines, trop pénalisante pour les usagers.

Et vous ?`,
    comments: [
      { by: 'laura', h: 8, body: 'L’extinction de l’éclairage public a tenu partout dans notre région, avec un vrai bénéfice pour la biodiversité nocturne.' },
      { by: 'antoine', h: 29, body: 'Nous suivons les économies réalisées bâtiment par bâtiment : sans chiffres, les bonnes habitudes s’érodent vite.' },
      { by: 'membre', h: 50, body: 'Intéressant pour les bâtiments municipaux des quartiers en renouvellement urbain : je partage avec l’équipe NPNRU.' },
    ],
  },
];

export const COMMANDE_POSTS: DemoPost[] = [
  {
    by: 'valerie', daysAgo: 3, useful: 0,
    title: 'Préfiguration de l’e-communauté : vos attentes',
    body: `Cette e-communauté est en préparation et n’est visible que de l’équipe de pilotage. Avant l’ouverture, nous voulons recueillir les attentes de quelques acheteurs publics : sujets prioritaires, formats, fréquence des publications.

Manon, peux-tu proposer un premier sommaire de ligne éditoriale ?`,
    comments: [
      { by: 'manon', h: 20, body: 'Je propose trois rubriques : actualité juridique commentée, retours d’expérience sur l’achat responsable, et questions-réponses sur l’exécution des marchés.' },
      { by: 'admin', h: 30, body: 'Très bonne base. Prévoyons l’ouverture au prochain trimestre, après validation de la ligne éditoriale.' },
    ],
  },
  {
    by: 'manon', daysAgo: 1, useful: 0,
    title: 'Clauses sociales d’insertion dans les marchés de travaux',
    body: `Premier contenu de test : les clauses sociales d’insertion dans les marchés de travaux, notamment en renouvellement urbain où la charte nationale d’insertion de l’ANRU fixe des objectifs d’heures d’insertion.

Le rôle du facilitateur de clauses est déterminant pour le suivi des heures réalisées.`,
    comments: [
      { by: 'valerie', h: 5, body: 'Parfait pour montrer le lien avec la communauté Politique de la Ville à l’ouverture.' },
    ],
  },
];
