import type { DemoPost } from './demo-content.js';

/** Posts of the "Politique de la Ville" community, oldest last. */
export const PDLV_POSTS: DemoPost[] = [
  {
    by: 'animation', daysAgo: 2, useful: 9,
    title: 'Contrats de ville « Engagements Quartiers 2030 » : où en est votre programmation ?',
    body: `Les contrats de ville de nouvelle génération sont signés presque partout et la deuxième campagne de programmation se prépare. C’est le bon moment pour comparer nos façons de faire.

Quelques questions pour lancer l’échange :

- **Calendrier** : à quelle date lancez-vous l’appel à projets, et laissez-vous une fenêtre de dépôt au fil de l’eau ?
- **Priorités** : comment les engagements signés avec les habitants se traduisent-ils dans les critères de sélection ?
- **Pluriannualité** : avez-vous conclu des conventions pluriannuelles d’objectifs avec les associations structurantes ?

Pour mémoire, le cadre reste celui de la circulaire du 31 août 2023 relative à l’élaboration des contrats de ville ; les fiches de l’ANCT sont à jour sur [agence-cohesion-territoires.gouv.fr](https://agence-cohesion-territoires.gouv.fr).

Vos retours m’aideront à préparer une synthèse pour la prochaine réunion du réseau.`,
    comments: [
      { by: 'sebastien', h: 3, body: 'À Toulouse Métropole, appel à projets lancé mi-octobre, dépôt jusqu’à fin novembre, et une enveloppe réservée (environ 10 %) pour des projets au fil de l’eau portés par des collectifs d’habitants. Cette souplesse est très appréciée.' },
      { by: 'isabelle', h: 6, body: 'Dans le Douaisis, nous avons signé six conventions pluriannuelles de trois ans. Gros gain de temps pour les associations… et pour nous à l’instruction.' },
      { by: 'karim', h: 20, body: 'Côté département, nous alignons désormais nos propres appels à projets sur le calendrier des contrats de ville : un seul dossier pour les porteurs, c’est la demande numéro un des associations.', },
      { by: 'animation', h: 26, reply: 2, body: 'Merci Karim, c’est exactement le type de coordination que je voudrais documenter. Accepteriez-vous de présenter votre dossier commun lors d’un prochain temps d’échange ?' },
      { by: 'karim', h: 30, reply: 3, body: 'Avec plaisir, je prépare quelque chose d’anonymisé.' },
    ],
  },
  {
    by: 'damien', daysAgo: 9, useful: 6,
    title: 'Abattement de TFPB : quelles contreparties obtenez-vous des bailleurs ?',
    body: `Nous renégocions la convention d’utilisation de l’abattement de taxe foncière sur les propriétés bâties avec nos trois bailleurs. Le programme d’actions présenté chaque année reste très centré sur le renforcement du gardiennage et le nettoyage.

Je cherche des exemples de contreparties plus ambitieuses :

1. actions de tranquillité résidentielle co-construites avec les habitants ;
2. soutien à l’animation des pieds d’immeubles ;
3. petits travaux d’amélioration du cadre de vie décidés en diagnostic en marchant.

Comment organisez-vous le suivi annuel avec l’État et les bailleurs ? Un tableau de bord partagé, un comité dédié ?`,
    comments: [
      { by: 'mathieu', h: 4, body: 'À Grigny, le bilan TFPB est présenté en comité de pilotage de la GUP, avec les habitants. Cela change beaucoup de choses : les bailleurs viennent avec des photos et des chiffres, plus seulement des montants.' },
      { by: 'marion', h: 22, body: 'Nous avons obtenu qu’une part de l’abattement finance des chantiers éducatifs avec les jeunes du quartier. C’est modeste, mais visible, et les bailleurs y trouvent leur compte.' },
      { by: 'animation', h: 50, body: 'Pour aller plus loin, le cadre national d’utilisation de l’abattement est présenté sur le site de l’ANCT, rubrique politique de la ville. Je vous mets aussi en lien avec les collègues du réseau habitat de la communauté.' },
    ],
  },
  {
    by: 'claire', daysAgo: 17, useful: 14,
    kind: 'article', articleType: 'retour_experience',
    title: 'NPNRU : notre retour d’expérience sur la concertation pendant les relogements',
    body: `Trois ans après le début des relogements sur notre quartier, voici ce que nous retenons de la concertation menée avec les locataires concernés.

**Ce qui a fonctionné**

- une *maison du projet* ouverte trois demi-journées par semaine, avec une permanence du bailleur ;
- des entretiens individuels systématiques avant toute proposition de relogement ;
- un journal de chantier trimestriel distribué dans les halls.

**Ce que nous ferions autrement**

- associer beaucoup plus tôt le conseil citoyen au choix des sites de reconstitution de l’offre ;
- mieux anticiper les nuisances de chantier pour les habitants qui restent.

Le règlement général de l’ANRU et les guides méthodologiques sont disponibles sur [anru.fr](https://www.anru.fr). Je réponds volontiers à vos questions.`,
    comments: [
      { by: 'membre', h: 2, body: 'Merci Claire, très utile. À Montreuil nous ouvrons la maison du projet l’an prochain : comment avez-vous dimensionné l’équipe qui la fait vivre ?' },
      { by: 'claire', h: 5, reply: 0, body: 'Un mi-temps de médiateur, la permanence du bailleur et nos chefs de projet à tour de rôle. Le plus important est la régularité des horaires : les habitants doivent savoir quand venir.' },
      { by: 'damien', h: 28, body: 'Même constat à Mulhouse sur le conseil citoyen : associé tard, il a eu le sentiment de valider des choix déjà faits. On ne nous y reprendra plus.' },
      { by: 'coordination', h: 60, body: 'Très beau retour d’expérience, que je signale aux collègues qui préparent la formation sur la conduite de projet de renouvellement urbain.' },
    ],
  },
  {
    by: 'aurelie', daysAgo: 24, useful: 11,
    title: 'Cités éducatives : partageons nos tableaux de bord d’évaluation',
    body: `L’évaluation de la cité éducative arrive à une étape clé et nous devons rendre compte des effets, pas seulement des actions financées. Notre tableau de bord croise aujourd’hui :

- des indicateurs d’activité (nombre d’enfants touchés par action, taux de participation des familles) ;
- des indicateurs de parcours (assiduité, orientation en fin de troisième) fournis par l’Éducation nationale ;
- des éléments qualitatifs recueillis lors d’ateliers avec les parents.

Notre difficulté : obtenir des données comparables d’une année sur l’autre quand les périmètres des actions bougent. Comment faites-vous ? Je peux partager notre trame anonymisée en retour.`,
    comments: [
      { by: 'ines', h: 3, body: 'À Vaulx-en-Velin, nous avons figé une dizaine d’indicateurs « socle » dès la première année et nous n’y touchons plus. Tout le reste est qualitatif. C’est frustrant mais comparable.' },
      { by: 'aurelie', h: 7, reply: 0, body: 'C’est la voie que nous allons suivre. Vos indicateurs socle sont-ils validés par la troïka (préfecture, Éducation nationale, ville) ?' },
      { by: 'ines', h: 9, reply: 1, body: 'Oui, ils figurent dans la feuille de route signée. Sans cela, chaque revue de projet rouvrait le débat.' },
      { by: 'jerome', h: 40, body: 'Je suis preneur de la trame, même anonymisée : le service jeunesse est très peu outillé sur l’évaluation.' },
    ],
  },
  {
    by: 'jerome', daysAgo: 31, useful: 5,
    kind: 'question',
    title: 'Question : financer un poste de coordonnateur de cité éducative',
    body: `Bonjour à toutes et à tous,

Notre commune va rejoindre le dispositif et nous devons recruter un coordonnateur ou une coordonnatrice. Quelles sont les pistes de cofinancement de ce poste que vous avez mobilisées ? Crédits de la cité éducative elle-même, DPV, autres ?

Merci d’avance pour vos retours.`,
    comments: [
      { by: 'animation', h: 30, body: 'Bonjour Jérôme. La plupart des territoires financent ce poste sur l’enveloppe de la cité éducative, en complément d’une part communale. Je vous invite à relire l’échange d’Aurélie sur les tableaux de bord, où plusieurs coordonnatrices décrivent leur poste, et à contacter la préfecture de votre département, qui porte le dispositif avec l’Éducation nationale. Le CNFPT propose aussi des ressources sur le métier de coordonnateur : [cnfpt.fr](https://www.cnfpt.fr).' },
      { by: 'aurelie', h: 34, body: 'Chez nous : poste financé à moitié par la cité éducative, moitié par la ville, porté par la direction de l’éducation. Le rattachement compte autant que le financement !' },
      { by: 'jerome', h: 50, body: 'Merci à vous deux, c’est très clair.' },
    ],
  },
  {
    by: 'mathieu', daysAgo: 38, useful: 8,
    title: 'GUP : nos outils pour des diagnostics en marchant qui servent vraiment',
    body: `Après des années de diagnostics en marchant dont les comptes rendus finissaient dans un tiroir, nous avons changé de méthode. Ce qui a fait la différence :

1. **une fiche par dysfonctionnement**, photographiée, géolocalisée et attribuée à un service ou un bailleur le jour même ;
2. **un délai de réponse affiché** (quinze jours pour une réponse, pas forcément pour la réparation) ;
3. **un retour aux habitants** à chaque diagnostic suivant : ce qui est fait, ce qui ne l’est pas et pourquoi.

L’outil lui-même est un simple tableur partagé ; le changement est surtout d’organisation. Et vous, comment assurez-vous le suivi ?`,
    comments: [
      { by: 'marion', h: 5, body: 'Le retour aux habitants, c’est la clé. Nous commençons chaque diagnostic par dix minutes sur les suites du précédent, et la participation a doublé.' },
      { by: 'fatou', h: 26, body: 'Les adultes-relais de Saint-Denis participent à tous les diagnostics : ils connaissent les habitants qui ne viennent jamais aux réunions et vont les chercher.' },
      { by: 'karim', h: 73, body: 'Avez-vous associé les services départementaux (PMI, action sociale) ? Ils occupent souvent des locaux en pied d’immeuble et ont beaucoup à dire.' },
    ],
  },
  {
    by: 'fatou', daysAgo: 46, useful: 7,
    title: 'Adultes-relais : renouvellement des conventions et formation des médiateurs',
    body: `Plusieurs conventions adultes-relais arrivent à échéance dans notre ville. Au-delà du renouvellement administratif, nous voulons consolider le parcours des médiateurs : formation initiale, analyse de la pratique, perspectives de professionnalisation.

Je serais intéressée par vos expériences sur :

- la formation qualifiante (titre professionnel de médiateur social accès aux droits et services) ;
- l’analyse de pratiques : fréquence, intervenants ;
- les passerelles vers l’emploi pérenne en fin de convention.`,
    comments: [
      { by: 'nicolas', h: 8, body: 'À Nantes, analyse de pratiques mensuelle avec une psychologue extérieure. Les médiateurs la réclament : les situations rencontrées sont lourdes.' },
      { by: 'isabelle', h: 30, body: 'Nous avons négocié avec la région des places réservées dans la formation au titre professionnel. Deux médiateurs l’ont obtenu cette année.' },
      { by: 'fatou', h: 33, reply: 1, body: 'Excellente idée, je vais contacter la région. Merci Isabelle !' },
    ],
  },
  {
    by: 'elodie', daysAgo: 55, useful: 10,
    title: 'Conseils citoyens : relancer la participation avec les nouveaux contrats',
    body: `Le renouvellement des contrats de ville a été l’occasion de repenser nos conseils citoyens. Beaucoup s’étaient essoufflés : membres partis, tirage au sort difficile à renouveler, sentiment de ne pas peser.

Nous testons trois pistes :

- des **formats courts et thématiques** (trois séances sur un sujet, puis on passe à autre chose) ;
- un **budget participatif de quartier** dont le conseil instruit les projets ;
- une **indemnisation des frais** (garde d’enfants, transport) pour lever les freins matériels.

Les premiers résultats sont encourageants, surtout auprès des jeunes parents. Qui a testé d’autres formats ?`,
    comments: [
      { by: 'sebastien', h: 10, body: 'Le budget participatif a tout changé chez nous aussi : quand une décision concrète est en jeu, on ne manque plus de volontaires.' },
      { by: 'nicolas', h: 27, body: 'Attention tout de même à ne pas transformer le conseil citoyen en simple jury de projets. Son rôle de regard sur le contrat de ville dans son ensemble doit rester.' },
      { by: 'elodie', h: 31, reply: 1, body: 'Tout à fait d’accord. Nous gardons une séance annuelle sur le bilan du contrat de ville, préparée avec eux.' },
      { by: 'animation', h: 52, body: 'Le centre de ressources de la région a publié un guide sur l’animation des conseils citoyens ; je le partagerai dans la prochaine veille.' },
    ],
  },
  {
    by: 'animation', daysAgo: 63, useful: 12,
    kind: 'veille',
    link: { url: 'https://agence-cohesion-territoires.gouv.fr', title: 'Agence nationale de la cohésion des territoires', source: 'ANCT' },
    title: 'Veille : observer les quartiers prioritaires avec les outils nationaux',
    body: `Petit rappel des ressources pour observer vos quartiers, utile en pleine préparation des bilans :

- le **système d’information géographique de la politique de la ville** ([sig.ville.gouv.fr](https://sig.ville.gouv.fr)) : périmètres des QPV et données de cadrage ;
- les publications de l’**Observatoire national de la politique de la ville**, portées par l’ANCT ([agence-cohesion-territoires.gouv.fr](https://agence-cohesion-territoires.gouv.fr)) ;
- les données infracommunales de l’Insee.

N’oubliez pas les **centres de ressources politique de la ville** de votre région : ils organisent des rencontres et publient des synthèses précieuses.

Quels indicateurs suivez-vous localement en plus de ces sources ?`,
    comments: [
      { by: 'isabelle', h: 6, body: 'Nous suivons les inscriptions à France Travail par quartier, transmises chaque trimestre. C’est l’indicateur que les élus regardent en premier.' },
      { by: 'claire', h: 24, body: 'Pour le renouvellement urbain, nous ajoutons le taux de rotation dans le parc social et la vacance. Indispensable pour piloter les relogements.' },
    ],
  },
  {
    by: 'nicolas', daysAgo: 72, useful: 6,
    title: 'Emploi dans les quartiers : articuler France Travail, mission locale et contrat de ville',
    body: `Le pilier « emploi » de notre contrat de ville a longtemps juxtaposé des actions sans fil conducteur. Depuis un an, nous réunissons chaque mois France Travail, la mission locale, le PLIE et les structures d’insertion autour d’une liste partagée de personnes accompagnées (avec leur accord).

Résultat : moins de doublons, et des sorties vers l’emploi mieux suivies. Le sujet délicat reste le partage de données personnelles : nous avons travaillé avec notre délégué à la protection des données pour cadrer l’échange.

Avez-vous formalisé ce type de coordination ?`,
    comments: [
      { by: 'sebastien', h: 12, body: 'Oui, via une convention signée par tous les partenaires et validée par nos DPO respectifs. Comptez trois mois de discussions, mais ensuite cela tient.' },
      { by: 'karim', h: 40, body: 'Le département y associe ses référents RSA : c’est souvent le chaînon manquant.' },
    ],
  },
  {
    by: 'isabelle', daysAgo: 84, useful: 9,
    title: 'Nouvelle géographie prioritaire : accompagner les quartiers sortants',
    body: `Avec la révision de la géographie prioritaire entrée en vigueur au 1er janvier 2024, l’un de nos quartiers est sorti de la liste. Les besoins, eux, n’ont pas disparu.

Ce que nous avons mis en place :

- un **dispositif de veille** dans le contrat de ville, avec des actions de droit commun renforcées ;
- le maintien, pendant une période de transition, du soutien aux associations présentes dans le quartier ;
- un point annuel avec les habitants pour mesurer l’évolution de la situation.

Comment avez-vous géré ces sorties, politiquement et techniquement ?`,
    comments: [
      { by: 'olivier', h: 9, body: 'En milieu rural, notre petit quartier est sorti lui aussi. Sans ingénierie dédiée, nous avons surtout misé sur le centre social. Je suis preneur d’autres idées.' },
      { by: 'animation', h: 28, body: 'Olivier, la communauté compte plusieurs collègues d’intercommunalités rurales : je vous mets en relation par message. Le sujet mérite un dossier à part entière.' },
      { by: 'sebastien', h: 55, body: 'Nous avons gardé les quartiers sortants dans le périmètre de l’observatoire local. Sans données, impossible de plaider pour un retour dans la géographie prioritaire si la situation se dégrade.' },
    ],
  },
  {
    by: 'coordination', daysAgo: 97, useful: 13,
    kind: 'ressource',
    link: { url: 'https://www.cnfpt.fr', title: 'Le catalogue des formations du CNFPT', source: 'CNFPT' },
    title: 'Formation : l’offre du CNFPT pour les professionnels de la politique de la ville',
    body: `Le CNFPT propose un itinéraire de formation pour les professionnels de la politique de la ville : prise de poste de chef de projet, conduite de projet de renouvellement urbain, participation des habitants, évaluation.

Les sessions sont ouvertes aux agents de toutes les collectivités ; l’inscription se fait par votre service formation. Le catalogue complet est en ligne sur [cnfpt.fr](https://www.cnfpt.fr).

**Vos besoins nous intéressent** : quels sujets manquent aujourd’hui ? Dites-le en commentaire, nous en tiendrons compte pour la programmation de l’an prochain.`,
    comments: [
      { by: 'marion', h: 4, body: 'Un module sur le pilotage de la GUP avec les bailleurs serait bienvenu : on apprend tout sur le tas.' },
      { by: 'ines', h: 11, body: 'L’évaluation des cités éducatives, avec des cas pratiques. Nous sommes beaucoup à réinventer la roue.' },
      { by: 'fatou', h: 30, body: 'L’encadrement des adultes-relais : c’est un management très particulier.' },
      { by: 'coordination', h: 72, body: 'Merci pour ces propositions, elles remontent au pôle de compétences. Je vous tiens informés ici.' },
    ],
  },
  {
    by: 'marion', daysAgo: 104, useful: 7,
    title: 'Tranquillité publique : articuler médiation sociale et police municipale',
    body: `Dans le cadre du pilier « cadre de vie » de notre contrat de ville, nous formalisons les relations entre l’équipe de médiation sociale et la police municipale.

L’enjeu est double : que chacun reste dans son rôle (les médiateurs ne sont pas des auxiliaires de police), et que l’information utile circule, par exemple sur les tensions autour d’un hall ou d’un équipement.

Nous avons rédigé une **charte de coopération** en trois points : réunion mensuelle de veille, circuit d’alerte en cas d’incident, et règles de confidentialité. Quelqu’un a-t-il un document comparable à partager ?`,
    comments: [
      { by: 'fatou', h: 6, body: 'Nous avons une charte similaire à Saint-Denis. Le point le plus important pour les médiateurs : ne jamais être vus par les habitants comme des informateurs. Sinon, leur travail devient impossible.' },
      { by: 'karim', h: 26, body: 'Pensez à associer le conseil local de sécurité et de prévention de la délinquance : c’est souvent là que se décident les priorités partagées.' },
      { by: 'marion', h: 30, reply: 0, body: 'Merci Fatou, c’est exactement la ligne que nous voulons tenir. Je reprends votre formulation.' },
    ],
  },
  {
    by: 'sebastien', daysAgo: 110, useful: 9,
    title: 'Un modèle de bilan simplifié pour les associations',
    body: `Les petites associations nous disent passer plus de temps à remplir des bilans qu’à mener leurs actions. Nous avons réduit notre modèle de bilan à une page :

- ce qui était prévu, ce qui a été fait ;
- le nombre de personnes touchées, dont habitants des quartiers prioritaires ;
- une difficulté rencontrée et une réussite ;
- une photo ou un témoignage (facultatif).

Les services de l’État ont accepté ce format pour les actions de moins de 15 000 euros. Je partage volontiers le modèle.`,
    comments: [
      { by: 'isabelle', h: 4, body: 'Excellent. Le témoignage est souvent ce qui parle le plus aux élus lors du comité de pilotage.' },
      { by: 'nicolas', h: 22, body: 'Preneur du modèle ! Avez-vous un outil de dépôt en ligne ou tout passe par courriel ?' },
      { by: 'sebastien', h: 27, reply: 1, body: 'Un formulaire en ligne, relié à notre tableau de suivi de la programmation. Je vous envoie le lien.' },
    ],
  },
  {
    by: 'membre', daysAgo: 118, useful: 4,
    title: 'Rénovation urbaine et îlots de fraîcheur : des exemples ?',
    body: `Dans notre projet NPNRU, nous voulons profiter du réaménagement des espaces publics pour désimperméabiliser les cours d’immeubles et créer des îlots de fraîcheur.

Avez-vous des exemples de projets réalisés, avec des coûts, et surtout un retour sur l’appropriation par les habitants et la gestion dans la durée ? J’ai posé la même question dans l’e-communauté Transition écologique.`,
    comments: [
      { by: 'claire', h: 7, body: 'Nous l’avons fait sur deux résidences : comptez l’entretien des plantations dès la conception, sinon le bailleur refusera la gestion.' },
      { by: 'mathieu', h: 30, body: 'Et associez les gardiens ! Ce sont eux qui vivent avec les aménagements.' },
    ],
  },
  {
    by: 'animation', daysAgo: 190, useful: 15,
    title: 'Bienvenue ! Présentez-vous en quelques lignes',
    body: `Bienvenue dans l’e-communauté **Politique de la Ville** !

Cet espace est le vôtre : posez vos questions, partagez vos réussites comme vos difficultés, signalez-nous les ressources utiles. Je réponds à chaque question sous trois jours.

Pour faire connaissance, présentez-vous en commentaire : votre collectivité, votre poste, et un sujet sur lequel vous aimeriez échanger.

Avant de publier, pensez à relire la charte éditoriale : bienveillance, devoir de réserve et anonymisation des situations individuelles.`,
    comments: [
      { by: 'claire', h: 2, body: 'Claire, directrice de projet renouvellement urbain à la Métropole de Lyon. Intéressée par tout ce qui touche au relogement et à la concertation.' },
      { by: 'fatou', h: 5, body: 'Fatou, coordinatrice des adultes-relais à Saint-Denis. Envie d’échanger sur la professionnalisation de la médiation sociale.' },
      { by: 'olivier', h: 20, body: 'Olivier, DGS d’une communauté de communes du Finistère avec un petit quartier prioritaire. La politique de la ville en milieu rural, ça existe !' },
      { by: 'ines', h: 26, body: 'Inès, cité éducative de Vaulx-en-Velin. Ravie de retrouver ici des collègues rencontrés en formation.' },
      { by: 'membre', h: 47, body: 'Thomas, chargé de mission NPNRU à Montreuil. Je viens surtout pour apprendre des autres projets.' },
    ],
  },
];
