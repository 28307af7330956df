-- « Données personnelles » rewritten to match the code. Only a page nobody has edited yet (updated_by IS NULL) is replaced;
-- the text it replaces is kept as a version, as savePage does.
INSERT INTO legal_page_versions (slug, version, title, body_md, created_at, created_by)
SELECT slug, version, title, body_md, updated_at, updated_by FROM legal_pages WHERE slug = $legal$donnees-personnelles$legal$ AND updated_by IS NULL;
--> statement-breakpoint
UPDATE legal_pages SET title = $legal$Données personnelles$legal$, body_md = $legal$## Responsable du traitement

L’organisme public territorial qui pilote le réseau des e-communautés *(nom et adresse : voir les mentions légales)*. Le registre complet des traitements, table par table, est tenu à jour avec le code de la plateforme.

## Données collectées

- Identité professionnelle : nom, prénom, employeur, métier, département, présentation facultative ;
- Adresse électronique, utilisée pour la connexion et les notifications ;
- Contenus que vous publiez (publications, commentaires, messages privés, réponses aux sondages, signalements) et votre participation aux e-communautés ;
- Traces techniques : sessions de connexion (navigateur utilisé), jours où vous avez lu ou écrit dans une e-communauté (sans page, heure ni adresse IP) ;
- Pour les animateurs : missions, heures déclarées et états de service fait (ni coordonnées bancaires ni pièce d’identité).

Les mots de passe sont conservés sous forme chiffrée irréversible. Aucun traceur publicitaire ni outil de mesure d’audience tiers n’est utilisé.

## Finalités et base légale

Permettre aux agents territoriaux d’échanger entre pairs au sein des e-communautés, animer et piloter le réseau, assurer la sécurité du service. Ces traitements relèvent de la mission d’intérêt public de l’organisme (RGPD, article 6.1.e) ; la rémunération des animateurs relève d’une obligation légale (article 6.1.c).

## Durées de conservation

- **Compte** : tant qu’il existe. À sa suppression, votre identité est effacée immédiatement ; vos contributions restent signées « Membre supprimé », ou sont effacées si vous le demandez.
- **Sessions de connexion** : 30 jours sans activité, et 30 jours au plus après la connexion.
- **Navigateurs reconnus à la connexion** : un an sans utilisation.
- **Activité quotidienne** (jours de lecture ou d’écriture par e-communauté) : le mois en cours et les 12 mois précédents, soit 13 mois au plus ; seuls des totaux sont ensuite conservés.
- **Notifications** : 365 jours.
- **Copies des courriels envoyés** : 90 jours.
- **Liens envoyés par courriel** (confirmation, nouveau mot de passe) : effacés 7 jours après leur expiration.
- **Réponses gardées contre les doublons d’envoi** : 24 heures.
- **Articles de veille écartés ou non traités** : 90 jours.
- **Journal de modération** : conservé tant que l’e-communauté existe ; il ne vous désigne que par un identifiant.
- **Missions et états de service fait des animateurs** : conservés comme pièces de paie, y compris après la suppression du compte.

## Destinataires

Les membres des e-communautés que vous rejoignez voient vos contributions et ce que vous choisissez de montrer dans l’annuaire. Les animateurs, coordonnateurs et l’équipe nationale accèdent à ce qu’exige leur mission (modération, tableaux de bord chiffrés). Aucune donnée n’est vendue ni cédée.

## Vos droits

Depuis votre profil, vous pouvez télécharger toutes vos données (« Exporter mes données ») et supprimer votre compte. Vous pouvez aussi accéder à vos données, les rectifier, demander leur effacement ou vous opposer à leur traitement en écrivant au délégué à la protection des données *(adresse à compléter)*. Vous pouvez saisir la CNIL.$legal$,
  body_html = $legal$<h2>Responsable du traitement</h2>
<p>L’organisme public territorial qui pilote le réseau des e-communautés <em>(nom et adresse : voir les mentions légales)</em>. Le registre complet des traitements, table par table, est tenu à jour avec le code de la plateforme.</p>
<h2>Données collectées</h2>
<ul>
<li>Identité professionnelle : nom, prénom, employeur, métier, département, présentation facultative ;</li>
<li>Adresse électronique, utilisée pour la connexion et les notifications ;</li>
<li>Contenus que vous publiez (publications, commentaires, messages privés, réponses aux sondages, signalements) et votre participation aux e-communautés ;</li>
<li>Traces techniques : sessions de connexion (navigateur utilisé), jours où vous avez lu ou écrit dans une e-communauté (sans page, heure ni adresse IP) ;</li>
<li>Pour les animateurs : missions, heures déclarées et états de service fait (ni coordonnées bancaires ni pièce d’identité).</li>
</ul>
<p>Les mots de passe sont conservés sous forme chiffrée irréversible. Aucun traceur publicitaire ni outil de mesure d’audience tiers n’est utilisé.</p>
<h2>Finalités et base légale</h2>
<p>Permettre aux agents territoriaux d’échanger entre pairs au sein des e-communautés, animer et piloter le réseau, assurer la sécurité du service. Ces traitements relèvent de la mission d’intérêt public de l’organisme (RGPD, article 6.1.e) ; la rémunération des animateurs relève d’une obligation légale (article 6.1.c).</p>
<h2>Durées de conservation</h2>
<ul>
<li><strong>Compte</strong> : tant qu’il existe. À sa suppression, votre identité est effacée immédiatement ; vos contributions restent signées « Membre supprimé », ou sont effacées si vous le demandez.</li>
<li><strong>Sessions de connexion</strong> : 30 jours sans activité, et 30 jours au plus après la connexion.</li>
<li><strong>Navigateurs reconnus à la connexion</strong> : un an sans utilisation.</li>
<li><strong>Activité quotidienne</strong> (jours de lecture ou d’écriture par e-communauté) : le mois en cours et les 12 mois précédents, soit 13 mois au plus ; seuls des totaux sont ensuite conservés.</li>
<li><strong>Notifications</strong> : 365 jours.</li>
<li><strong>Copies des courriels envoyés</strong> : 90 jours.</li>
<li><strong>Liens envoyés par courriel</strong> (confirmation, nouveau mot de passe) : effacés 7 jours après leur expiration.</li>
<li><strong>Réponses gardées contre les doublons d’envoi</strong> : 24 heures.</li>
<li><strong>Articles de veille écartés ou non traités</strong> : 90 jours.</li>
<li><strong>Journal de modération</strong> : conservé tant que l’e-communauté existe ; il ne vous désigne que par un identifiant.</li>
<li><strong>Missions et états de service fait des animateurs</strong> : conservés comme pièces de paie, y compris après la suppression du compte.</li>
</ul>
<h2>Destinataires</h2>
<p>Les membres des e-communautés que vous rejoignez voient vos contributions et ce que vous choisissez de montrer dans l’annuaire. Les animateurs, coordonnateurs et l’équipe nationale accèdent à ce qu’exige leur mission (modération, tableaux de bord chiffrés). Aucune donnée n’est vendue ni cédée.</p>
<h2>Vos droits</h2>
<p>Depuis votre profil, vous pouvez télécharger toutes vos données (« Exporter mes données ») et supprimer votre compte. Vous pouvez aussi accéder à vos données, les rectifier, demander leur effacement ou vous opposer à leur traitement en écrivant au délégué à la protection des données <em>(adresse à compléter)</em>. Vous pouvez saisir la CNIL.</p>
$legal$, version = version + 1, updated_at = now()
 WHERE slug = $legal$donnees-personnelles$legal$ AND updated_by IS NULL;
