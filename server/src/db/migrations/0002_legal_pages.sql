-- The legal pages every deployment starts with (placeholder content, edited later by the national admin).
-- body_html is what server/src/lib/markdown.ts renders from body_md.
INSERT INTO legal_pages (slug, title, body_md, body_html) VALUES
  ($legal$mentions-legales$legal$, $legal$Mentions légales$legal$, $legal$## Éditeur du site

Le réseau des e-communautés est édité par l’organisme public territorial chargé de son pilotage national *(nom, adresse du siège et numéro SIRET à compléter)*.

- Directeur ou directrice de la publication : *à compléter*
- Contact : *adresse électronique à compléter*

## Hébergement

*Nom, adresse et coordonnées de l’hébergeur à compléter.*

## Propriété intellectuelle

Les contenus publiés par les membres restent sous leur responsabilité. Sauf mention contraire, ils peuvent être réutilisés au sein du réseau pour les besoins du service public, en citant leur auteur.

## Signaler un contenu

Tout membre peut signaler un contenu qui lui paraît contraire à la charte éditoriale. L’équipe d’animation examine chaque signalement.$legal$,
   $legal$<h2>Éditeur du site</h2>
<p>Le réseau des e-communautés est édité par l’organisme public territorial chargé de son pilotage national <em>(nom, adresse du siège et numéro SIRET à compléter)</em>.</p>
<ul>
<li>Directeur ou directrice de la publication : <em>à compléter</em></li>
<li>Contact : <em>adresse électronique à compléter</em></li>
</ul>
<h2>Hébergement</h2>
<p><em>Nom, adresse et coordonnées de l’hébergeur à compléter.</em></p>
<h2>Propriété intellectuelle</h2>
<p>Les contenus publiés par les membres restent sous leur responsabilité. Sauf mention contraire, ils peuvent être réutilisés au sein du réseau pour les besoins du service public, en citant leur auteur.</p>
<h2>Signaler un contenu</h2>
<p>Tout membre peut signaler un contenu qui lui paraît contraire à la charte éditoriale. L’équipe d’animation examine chaque signalement.</p>
$legal$),
  ($legal$accessibilite$legal$, $legal$Déclaration d’accessibilité$legal$, $legal$## État de conformité

L’organisme éditeur s’engage à rendre ce service accessible conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005 et au référentiel général d’amélioration de l’accessibilité (RGAA).

Le service est **en cours d’audit** : son état de conformité sera publié ici à l’issue de l’audit.

## Signaler un défaut d’accessibilité

Si vous ne parvenez pas à accéder à un contenu ou à un service, écrivez-nous *(adresse à compléter)* : nous vous proposerons une alternative accessible.

## Voies de recours

Si vous n’obtenez pas de réponse satisfaisante, vous pouvez saisir le Défenseur des droits.$legal$,
   $legal$<h2>État de conformité</h2>
<p>L’organisme éditeur s’engage à rendre ce service accessible conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005 et au référentiel général d’amélioration de l’accessibilité (RGAA).</p>
<p>Le service est <strong>en cours d’audit</strong> : son état de conformité sera publié ici à l’issue de l’audit.</p>
<h2>Signaler un défaut d’accessibilité</h2>
<p>Si vous ne parvenez pas à accéder à un contenu ou à un service, écrivez-nous <em>(adresse à compléter)</em> : nous vous proposerons une alternative accessible.</p>
<h2>Voies de recours</h2>
<p>Si vous n’obtenez pas de réponse satisfaisante, vous pouvez saisir le Défenseur des droits.</p>
$legal$),
  ($legal$donnees-personnelles$legal$, $legal$Données personnelles$legal$, $legal$## Responsable du traitement

L’organisme éditeur du réseau des e-communautés *(coordonnées à compléter)*.

## Données collectées

- Identité professionnelle : nom, prénom, employeur, métier, département ;
- Adresse électronique, utilisée pour la connexion et les notifications ;
- Contenus que vous publiez et votre participation aux e-communautés.

Les mots de passe sont conservés sous forme chiffrée irréversible.

## Finalité

Permettre aux agents territoriaux d’échanger entre pairs au sein des e-communautés et au réseau de fonctionner.

## Durée de conservation

Les données d’un compte sont conservées tant que le compte est actif, puis supprimées ou anonymisées *(durée à préciser)*.

## Vos droits

Vous pouvez accéder à vos données, les rectifier, demander leur effacement ou vous opposer à leur traitement en écrivant au délégué à la protection des données *(adresse à compléter)*. Vous pouvez aussi saisir la CNIL.$legal$,
   $legal$<h2>Responsable du traitement</h2>
<p>L’organisme éditeur du réseau des e-communautés <em>(coordonnées à compléter)</em>.</p>
<h2>Données collectées</h2>
<ul>
<li>Identité professionnelle : nom, prénom, employeur, métier, département ;</li>
<li>Adresse électronique, utilisée pour la connexion et les notifications ;</li>
<li>Contenus que vous publiez et votre participation aux e-communautés.</li>
</ul>
<p>Les mots de passe sont conservés sous forme chiffrée irréversible.</p>
<h2>Finalité</h2>
<p>Permettre aux agents territoriaux d’échanger entre pairs au sein des e-communautés et au réseau de fonctionner.</p>
<h2>Durée de conservation</h2>
<p>Les données d’un compte sont conservées tant que le compte est actif, puis supprimées ou anonymisées <em>(durée à préciser)</em>.</p>
<h2>Vos droits</h2>
<p>Vous pouvez accéder à vos données, les rectifier, demander leur effacement ou vous opposer à leur traitement en écrivant au délégué à la protection des données <em>(adresse à compléter)</em>. Vous pouvez aussi saisir la CNIL.</p>
$legal$),
  ($legal$cgu$legal$, $legal$Conditions générales d’utilisation$legal$, $legal$## Objet

Les e-communautés sont des espaces d’échange professionnel réservés aux agents et acteurs du service public local. L’inscription vaut acceptation des présentes conditions et de la charte éditoriale.

## Inscription

L’inscription est libre et gratuite. Chaque membre s’inscrit sous sa véritable identité et indique son employeur et son métier. Un compte est personnel : ne communiquez pas votre mot de passe.

## Engagements des membres

En publiant, vous vous engagez à :

- faire preuve de bienveillance et de respect envers les autres membres ;
- respecter votre devoir de réserve et défendre les valeurs du service public ;
- respecter le devoir de discrétion professionnelle : anonymisez les situations, les personnes et les dossiers évoqués dans les échanges de pratiques ;
- ne mener aucune démarche commerciale ni publicitaire ;
- ne tenir aucun propos diffamatoire, injurieux ou discriminatoire.

## Modération

L’équipe d’animation peut masquer ou supprimer un contenu contraire à ces règles et, en cas de manquements répétés, suspendre un compte.

## Responsabilité

Chaque membre est responsable des contenus qu’il publie. L’éditeur ne garantit pas l’exactitude des informations échangées entre pairs.$legal$,
   $legal$<h2>Objet</h2>
<p>Les e-communautés sont des espaces d’échange professionnel réservés aux agents et acteurs du service public local. L’inscription vaut acceptation des présentes conditions et de la charte éditoriale.</p>
<h2>Inscription</h2>
<p>L’inscription est libre et gratuite. Chaque membre s’inscrit sous sa véritable identité et indique son employeur et son métier. Un compte est personnel : ne communiquez pas votre mot de passe.</p>
<h2>Engagements des membres</h2>
<p>En publiant, vous vous engagez à :</p>
<ul>
<li>faire preuve de bienveillance et de respect envers les autres membres ;</li>
<li>respecter votre devoir de réserve et défendre les valeurs du service public ;</li>
<li>respecter le devoir de discrétion professionnelle : anonymisez les situations, les personnes et les dossiers évoqués dans les échanges de pratiques ;</li>
<li>ne mener aucune démarche commerciale ni publicitaire ;</li>
<li>ne tenir aucun propos diffamatoire, injurieux ou discriminatoire.</li>
</ul>
<h2>Modération</h2>
<p>L’équipe d’animation peut masquer ou supprimer un contenu contraire à ces règles et, en cas de manquements répétés, suspendre un compte.</p>
<h2>Responsabilité</h2>
<p>Chaque membre est responsable des contenus qu’il publie. L’éditeur ne garantit pas l’exactitude des informations échangées entre pairs.</p>
$legal$),
  ($legal$charte-editoriale$legal$, $legal$Charte éditoriale$legal$, $legal$Les e-communautés réunissent des professionnels du service public local pour partager leurs pratiques. Cette charte fixe l’esprit des échanges ; chaque membre s’engage à la respecter.

## Bienveillance

Nous échangeons entre collègues : chacun peut poser une question sans être jugé, et chaque réponse est formulée avec respect et courtoisie.

## Défense du service public et devoir de réserve

Les échanges servent l’intérêt général et l’amélioration du service rendu aux usagers. Les membres expriment leurs opinions avec la retenue qu’impose le devoir de réserve des agents publics.

## Devoir de discrétion et anonymisation

Les faits, informations et documents connus dans l’exercice des fonctions restent confidentiels. Dans les échanges de pratiques, **anonymisez** les personnes, les usagers, les collectivités et les dossiers évoqués.

## Absence de démarche commerciale

Les e-communautés ne sont pas un espace de promotion : aucune démarche commerciale, publicité ou prospection n’y est admise.

## Pas de propos diffamatoires ni discriminatoires

Les propos diffamatoires, injurieux, discriminatoires ou contraires à la loi sont interdits et seront retirés.

## Rôle de l’animation

Les animateurs et animatrices veillent au respect de cette charte, accompagnent les échanges et peuvent retirer un contenu qui y contrevient.$legal$,
   $legal$<p>Les e-communautés réunissent des professionnels du service public local pour partager leurs pratiques. Cette charte fixe l’esprit des échanges ; chaque membre s’engage à la respecter.</p>
<h2>Bienveillance</h2>
<p>Nous échangeons entre collègues : chacun peut poser une question sans être jugé, et chaque réponse est formulée avec respect et courtoisie.</p>
<h2>Défense du service public et devoir de réserve</h2>
<p>Les échanges servent l’intérêt général et l’amélioration du service rendu aux usagers. Les membres expriment leurs opinions avec la retenue qu’impose le devoir de réserve des agents publics.</p>
<h2>Devoir de discrétion et anonymisation</h2>
<p>Les faits, informations et documents connus dans l’exercice des fonctions restent confidentiels. Dans les échanges de pratiques, <strong>anonymisez</strong> les personnes, les usagers, les collectivités et les dossiers évoqués.</p>
<h2>Absence de démarche commerciale</h2>
<p>Les e-communautés ne sont pas un espace de promotion : aucune démarche commerciale, publicité ou prospection n’y est admise.</p>
<h2>Pas de propos diffamatoires ni discriminatoires</h2>
<p>Les propos diffamatoires, injurieux, discriminatoires ou contraires à la loi sont interdits et seront retirés.</p>
<h2>Rôle de l’animation</h2>
<p>Les animateurs et animatrices veillent au respect de cette charte, accompagnent les échanges et peuvent retirer un contenu qui y contrevient.</p>
$legal$)
ON CONFLICT (slug) DO NOTHING;
