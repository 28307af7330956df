import type { PersonalDataKind } from './rules.js';

/**
 * French sentences in the style of practice sharing between local-government agents, with the
 * personal data a careful writer would remove. Negatives (no expected span) hold the traps:
 * functions after a civility, streets without number, dates, amounts, SIRET and reference numbers.
 * Spans are given by their text; the test locates them.
 */
export interface CorpusEntry {
  text: string;
  expect: { kind: PersonalDataKind; text: string }[];
}

/** Members the corpus test creates, so that member names can be recognised. */
export const CORPUS_MEMBERS = [
  { firstName: 'Sandrine', lastName: 'Kervella' },
  { firstName: 'Yannick', lastName: 'Le Goff' },
  { firstName: 'Aïcha', lastName: 'Benali' },
  { firstName: 'Théo', lastName: 'Vasseur' },
];

const e = (kind: PersonalDataKind, text: string) => ({ kind, text });

export const CORPUS: CorpusEntry[] = [
  // E-mail addresses
  { text: 'Pour le dossier DSU, écrivez directement à claire.morel@ville-roubaix.fr, elle centralise les pièces.', expect: [e('email', 'claire.morel@ville-roubaix.fr')] },
  { text: 'La cheffe de projet (j.dupuis@agglo-pau.fr) peut vous transmettre la convention type.', expect: [e('email', 'j.dupuis@agglo-pau.fr')] },
  { text: 'Contact : accueil.ccas@mairie-vienne.fr ou par courrier.', expect: [e('email', 'accueil.ccas@mairie-vienne.fr')] },
  { text: 'Envoyez vos retours à marc-antoine.lefevre+cdv@grandlyon.com avant vendredi.', expect: [e('email', 'marc-antoine.lefevre+cdv@grandlyon.com')] },
  { text: 'Un usager nous a écrit depuis karim.h@gmail.com pour contester la décision.', expect: [e('email', 'karim.h@gmail.com')] },
  { text: 'Adresse générique du service : politique.ville@departement34.fr.', expect: [e('email', 'politique.ville@departement34.fr')] },
  // Phone numbers
  { text: 'La médiatrice est joignable au 06 12 34 56 78 le matin.', expect: [e('phone', '06 12 34 56 78')] },
  { text: 'Appelez le 06.45.78.12.90 pour la permanence du mardi.', expect: [e('phone', '06.45.78.12.90')] },
  { text: 'Depuis l’étranger, composez le +33 6 71 22 18 04.', expect: [e('phone', '+33 6 71 22 18 04')] },
  { text: 'Le standard de la mairie : 01-23-45-67-89, poste 214.', expect: [e('phone', '01-23-45-67-89')] },
  { text: 'Numéro de l’éducatrice : 0033 7 81 45 23 10 (WhatsApp).', expect: [e('phone', '0033 7 81 45 23 10')] },
  { text: 'Son portable, 0698765432, est sur la fiche.', expect: [e('phone', '0698765432')] },
  { text: 'Tél. 04 72 10 30 30 ou 07 58 41 22 63 en cas d’urgence.', expect: [e('phone', '04 72 10 30 30'), e('phone', '07 58 41 22 63')] },
  { text: 'La famille a rappelé au +33 (0)6 14 25 36 47 hier soir.', expect: [e('phone', '+33 (0)6 14 25 36 47')] },
  // Social-security numbers (valid keys)
  { text: 'Le bénéficiaire, n° de sécurité sociale 1 85 05 78 006 084 91, a déposé sa demande.', expect: [e('nir', '1 85 05 78 006 084 91')] },
  { text: 'NIR transmis par erreur dans le tableau : 185057800608491.', expect: [e('nir', '185057800608491')] },
  { text: 'Pour la bénéficiaire née en Corse : 2 90 12 2A 004 123 67.', expect: [e('nir', '2 90 12 2A 004 123 67')] },
  { text: 'Sa carte Vitale porte le 2 68 02 75 056 012 61, attention à ne pas le diffuser.', expect: [e('nir', '2 68 02 75 056 012 61')] },
  { text: 'Numéro 1 75 01 69 123 456 79 relevé sur l’attestation.', expect: [e('nir', '1 75 01 69 123 456 79')] },
  // Postal addresses
  { text: 'La famille habite 12 rue des Lilas, 69003 Lyon, au troisième étage.', expect: [e('address', '12 rue des Lilas, 69003 Lyon')] },
  { text: 'Le jeune est hébergé au 3 bis avenue Jean-Jaurès à Nantes.', expect: [e('address', '3 bis avenue Jean-Jaurès')] },
  { text: 'Rendez-vous 5 place de la République 75011 Paris pour la réunion publique.', expect: [e('address', '5 place de la République 75011 Paris')] },
  { text: 'La locataire du 8 boulevard du Général de Gaulle se plaint du bruit.', expect: [e('address', '8 boulevard du Général de Gaulle')] },
  { text: 'Courrier retourné : 14 allée des Tilleuls, 33600 Pessac.', expect: [e('address', '14 allée des Tilleuls, 33600 Pessac')] },
  { text: 'Il occupe le logement du 27 impasse Victor Hugo depuis 2015.', expect: [e('address', '27 impasse Victor Hugo')] },
  { text: 'Les faits se sont produits 112 chemin de la Croix-Rouge, 13090 Aix-en-Provence.', expect: [e('address', '112 chemin de la Croix-Rouge, 13090 Aix-en-Provence')] },
  { text: 'La péniche amarrée 4 quai de la Loire accueille des permanences.', expect: [e('address', '4 quai de la Loire')] },
  { text: 'Son cabinet est installé 40 cours Mirabeau.', expect: [e('address', '40 cours Mirabeau')] },
  { text: 'L’immeuble du 9 rue de l’Église, 42000 Saint-Étienne, est frappé d’un arrêté de péril.', expect: [e('address', '9 rue de l’Église, 42000 Saint-Étienne')] },
  // Names after civilities
  { text: 'M. Dupont a refusé la proposition de relogement.', expect: [e('civility_name', 'M. Dupont')] },
  { text: 'Nous avons reçu Mme Fatima Ouali et son fils en entretien.', expect: [e('civility_name', 'Mme Fatima Ouali')] },
  { text: 'Madame Lefèvre, gardienne d’immeuble, nous a alertés.', expect: [e('civility_name', 'Madame Lefèvre')] },
  { text: 'Le signalement vient de Monsieur Jean-Pierre Le Goff, voisin du dessus.', expect: [e('civility_name', 'Monsieur Jean-Pierre Le Goff')] },
  { text: 'Selon le Dr Martineau, l’enfant doit être suivi.', expect: [e('civility_name', 'Dr Martineau')] },
  { text: 'Me Durand représente la famille dans la procédure d’expulsion.', expect: [e('civility_name', 'Me Durand')] },
  { text: 'Mlle Bernard a été orientée vers la mission locale.', expect: [e('civility_name', 'Mlle Bernard')] },
  { text: 'Le courrier de M. J. Moreau est arrivé trop tard.', expect: [e('civility_name', 'M. J. Moreau')] },
  { text: 'Mademoiselle Nguyen souhaite témoigner à la prochaine réunion.', expect: [e('civility_name', 'Mademoiselle Nguyen')] },
  // Members of the platform
  { text: 'Comme l’a expliqué Sandrine Kervella la semaine dernière, le diagnostic doit être partagé.', expect: [e('member', 'Sandrine Kervella')] },
  { text: 'Je rejoins Yannick Le Goff sur ce point : la concertation prend du temps.', expect: [e('member', 'Yannick Le Goff')] },
  { text: 'Merci à Aïcha Benali pour le modèle de convention.', expect: [e('member', 'Aïcha Benali')] },
  { text: 'Théo Vasseur a déjà répondu à cette question dans le fil précédent.', expect: [e('member', 'Théo Vasseur')] },
  // Several kinds together
  {
    text: 'M. Benoît Rivière, 15 rue Pasteur, 59100 Roubaix, tél. 06 11 22 33 44, benoit.riviere@orange.fr.',
    expect: [e('civility_name', 'M. Benoît Rivière'), e('address', '15 rue Pasteur, 59100 Roubaix'), e('phone', '06 11 22 33 44'), e('email', 'benoit.riviere@orange.fr')],
  },
  {
    text: 'Mme Garcia (06 87 65 43 21) vit 2 impasse des Acacias avec ses trois enfants.',
    expect: [e('civility_name', 'Mme Garcia'), e('phone', '06 87 65 43 21'), e('address', '2 impasse des Acacias')],
  },
  {
    text: 'Sandrine Kervella m’a transmis le numéro de Madame Petit : 07 12 12 12 12.',
    expect: [e('member', 'Sandrine Kervella'), e('civility_name', 'Madame Petit'), e('phone', '07 12 12 12 12')],
  },
  // Negatives: nothing here is personal data
  { text: 'M. le Maire a présenté le contrat de ville en conseil municipal.', expect: [] },
  { text: 'Madame la Présidente du conseil départemental ouvrira la séance.', expect: [] },
  { text: 'Monsieur le Préfet a signé l’arrêté le 12 mars.', expect: [] },
  { text: 'La rue est fermée à la circulation pendant le marché.', expect: [] },
  { text: 'Il faut prévoir 3 places de stationnement par logement.', expect: [] },
  { text: 'Nous proposons 2 cours de français par semaine aux adultes.', expect: [] },
  { text: 'Le quartier a été inauguré en 2019 place Bellecour, devant la presse.', expect: [] },
  { text: 'La réunion aura lieu le 01/02/2024 à 14 h 30 en salle 12.', expect: [] },
  { text: 'Le budget du projet atteint 1 250 000 € sur trois ans, dont 450 000 € de l’ANRU.', expect: [] },
  { text: 'SIRET de l’association : 802 954 785 00028, à reporter sur la demande de subvention.', expect: [] },
  { text: 'Le numéro de délibération est 2024-0612345678901.', expect: [] },
  { text: 'Un NIR mal recopié comme 1 85 05 78 006 084 35 ne doit pas être signalé.', expect: [] },
  { text: 'La loi n° 2014-173 du 21 février 2014 fixe le cadre de la politique de la ville.', expect: [] },
  { text: 'Le code INSEE de la commune est 69123 et le code postal 69001.', expect: [] },
  { text: 'Voir l’article L. 2121-29 du Code général des collectivités territoriales.', expect: [] },
  { text: 'Les Quartiers Prioritaires de la Ville regroupent 5,4 millions d’habitants.', expect: [] },
  { text: 'Madame, Monsieur, veuillez trouver ci-joint le compte rendu.', expect: [] },
  { text: 'Le Conseil Citoyen se réunit chaque premier jeudi du mois.', expect: [] },
  { text: 'Rendez-vous sur la place du marché, à côté de la rue principale.', expect: [] },
  { text: 'Mme X. a accepté que son témoignage soit publié sous forme anonyme.', expect: [] },
  { text: 'Entre 2015 et 2020, 3 000 logements ont été réhabilités.', expect: [] },
  { text: 'Le dispositif concerne 1 200 jeunes de 16 à 25 ans.', expect: [] },
  { text: 'La facture n° 06 2023 1145 a été réglée par mandat administratif.', expect: [] },
  { text: 'Déjà anonymisé : M. [nom], [adresse], [téléphone].', expect: [] },
];
