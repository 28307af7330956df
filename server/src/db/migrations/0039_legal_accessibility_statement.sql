-- The accessibility statement's editable part (commitment, contact, recourse): the figures are drawn from the audit
-- (docs/accessibility/rgaa-audit.json) by the web client, never typed here. Replaced only if nobody has edited it.
INSERT INTO legal_page_versions (slug, version, title, body_md, created_at, created_by)
SELECT slug, version, title, body_md, updated_at, updated_by FROM legal_pages WHERE slug = 'accessibilite' AND updated_by IS NULL;
--> statement-breakpoint
UPDATE legal_pages SET title = $legal$Déclaration d’accessibilité$legal$, body_md = $legal$## Engagement

L’organisme qui édite le réseau des e-communautés s’engage à rendre ses services numériques accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration d’accessibilité s’applique au réseau des e-communautés.

L’état de conformité, les résultats des tests et la liste des non-conformités ci-dessus sont tirés de l’audit et changent avec lui. Les actions prévues figurent dans le [schéma pluriannuel d’accessibilité](/pages/plan-accessibilite).

## Retour d’information et contact

Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez l’équipe nationale du réseau pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme : par courriel, à l’adresse de contact des [mentions légales](/pages/mentions-legales), ou, si vous êtes membre, par la messagerie de la plateforme.

## Voies de recours

Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du site un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un des services et vous n’avez pas obtenu de réponse satisfaisante.

- Écrire un message au Défenseur des droits (formulaire en ligne : https://formulaire.defenseurdesdroits.fr/) ;
- Contacter le délégué du Défenseur des droits dans votre région (https://www.defenseurdesdroits.fr/saisir/delegues) ;
- Envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.$legal$,
  body_html = $legal$<h2>Engagement</h2>
<p>L’organisme qui édite le réseau des e-communautés s’engage à rendre ses services numériques accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration d’accessibilité s’applique au réseau des e-communautés.</p>
<p>L’état de conformité, les résultats des tests et la liste des non-conformités ci-dessus sont tirés de l’audit et changent avec lui. Les actions prévues figurent dans le <a href="/pages/plan-accessibilite" rel="noopener noreferrer nofollow ugc">schéma pluriannuel d’accessibilité</a>.</p>
<h2>Retour d’information et contact</h2>
<p>Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez l’équipe nationale du réseau pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme : par courriel, à l’adresse de contact des <a href="/pages/mentions-legales" rel="noopener noreferrer nofollow ugc">mentions légales</a>, ou, si vous êtes membre, par la messagerie de la plateforme.</p>
<h2>Voies de recours</h2>
<p>Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du site un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un des services et vous n’avez pas obtenu de réponse satisfaisante.</p>
<ul>
<li>Écrire un message au Défenseur des droits (formulaire en ligne : <a href="https://formulaire.defenseurdesdroits.fr/" rel="noopener noreferrer nofollow ugc">https://formulaire.defenseurdesdroits.fr/</a>) ;</li>
<li>Contacter le délégué du Défenseur des droits dans votre région (<a href="https://www.defenseurdesdroits.fr/saisir/delegues" rel="noopener noreferrer nofollow ugc">https://www.defenseurdesdroits.fr/saisir/delegues</a>) ;</li>
<li>Envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
</ul>
$legal$, version = version + 1, updated_at = now()
 WHERE slug = 'accessibilite' AND updated_by IS NULL;
--> statement-breakpoint
-- The multi-year accessibility plan, a legal page the national team edits; its list of actions comes from the audit.
INSERT INTO legal_pages (slug, title, body_md, body_html) VALUES
  ('plan-accessibilite', $legal$Schéma pluriannuel d’accessibilité$legal$, $legal$## Politique d’accessibilité

L’accessibilité du réseau des e-communautés fait partie de sa qualité : chaque évolution est vérifiée par des tests automatiques (structure des pages, clavier, affichage agrandi, contrastes) avant d’être mise en service, et l’audit RGAA est tenu à jour avec le code.

## Organisation

- Un ou une référente accessibilité au sein de l’équipe nationale suit ce schéma, la déclaration et les demandes des personnes.
- L’équipe de développement corrige les non-conformités selon le calendrier ci-dessous et met l’audit à jour à chaque correction.
- Les animateurs et animatrices sont formés à publier des contenus accessibles (titres, alternatives des images, liens explicites).

## Plan d’actions 2027-2029

- **2027** : corriger les non-conformités relevées par l’audit (liste ci-dessous) ; vérifier la restitution par lecteur d’écran (NVDA avec Firefox, VoiceOver avec Safari) ; faire contrôler l’audit par un organisme tiers.
- **2028** : étendre l’échantillon aux pages de coordination, d’administration et de paie ; former les équipes d’animation ; publier le bilan de l’année.
- **2029** : mener un nouvel audit complet, mettre à jour la déclaration et adopter le schéma suivant.

Un bilan est publié chaque année sur cette page.$legal$, $legal$<h2>Politique d’accessibilité</h2>
<p>L’accessibilité du réseau des e-communautés fait partie de sa qualité : chaque évolution est vérifiée par des tests automatiques (structure des pages, clavier, affichage agrandi, contrastes) avant d’être mise en service, et l’audit RGAA est tenu à jour avec le code.</p>
<h2>Organisation</h2>
<ul>
<li>Un ou une référente accessibilité au sein de l’équipe nationale suit ce schéma, la déclaration et les demandes des personnes.</li>
<li>L’équipe de développement corrige les non-conformités selon le calendrier ci-dessous et met l’audit à jour à chaque correction.</li>
<li>Les animateurs et animatrices sont formés à publier des contenus accessibles (titres, alternatives des images, liens explicites).</li>
</ul>
<h2>Plan d’actions 2027-2029</h2>
<ul>
<li><strong>2027</strong> : corriger les non-conformités relevées par l’audit (liste ci-dessous) ; vérifier la restitution par lecteur d’écran (NVDA avec Firefox, VoiceOver avec Safari) ; faire contrôler l’audit par un organisme tiers.</li>
<li><strong>2028</strong> : étendre l’échantillon aux pages de coordination, d’administration et de paie ; former les équipes d’animation ; publier le bilan de l’année.</li>
<li><strong>2029</strong> : mener un nouvel audit complet, mettre à jour la déclaration et adopter le schéma suivant.</li>
</ul>
<p>Un bilan est publié chaque année sur cette page.</p>
$legal$)
ON CONFLICT (slug) DO NOTHING;
