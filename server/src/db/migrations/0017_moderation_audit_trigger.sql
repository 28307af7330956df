-- The moderation audit log is append-only. REVOKE cannot bind the application role (it owns the
-- table and connects with trust auth), so a trigger refuses every UPDATE and DELETE instead.
CREATE FUNCTION moderation_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'moderation_audit is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER moderation_audit_no_update BEFORE UPDATE OR DELETE ON moderation_audit
  FOR EACH ROW EXECUTE FUNCTION moderation_audit_append_only();
--> statement-breakpoint
-- TRUNCATE skips row triggers: refuse it too.
CREATE TRIGGER moderation_audit_no_truncate BEFORE TRUNCATE ON moderation_audit
  FOR EACH STATEMENT EXECUTE FUNCTION moderation_audit_append_only();
--> statement-breakpoint
-- The reasons a member may give when flagging, from the CGU and the charte éditoriale
-- (edited afterwards by the national administrator).
INSERT INTO flag_reasons (code, label, description, article, position) VALUES
  ('diffamation', 'Diffamation', 'Le contenu porte atteinte à l’honneur ou à la réputation d’une personne, d’un service ou d’une collectivité.', 'Charte éditoriale, art. 5', 1),
  ('discrimination', 'Discrimination', 'Le contenu tient des propos discriminatoires, injurieux ou contraires à la loi.', 'Charte éditoriale, art. 5', 2),
  ('manque_bienveillance', 'Manque de bienveillance', 'Le contenu manque de respect ou de courtoisie envers un ou une collègue.', 'Charte éditoriale, art. 1', 3),
  ('devoir_reserve', 'Devoir de réserve', 'Le contenu ne respecte pas la retenue qu’impose le devoir de réserve des agents publics.', 'Charte éditoriale, art. 2', 4),
  ('defaut_anonymisation', 'Défaut d’anonymisation', 'Le contenu cite des personnes, des usagers ou des dossiers identifiables.', 'Charte éditoriale, art. 3', 5),
  ('demarche_commerciale', 'Démarche commerciale', 'Le contenu fait de la publicité, de la prospection ou promeut une offre commerciale.', 'Charte éditoriale, art. 4', 6),
  ('spam', 'Spam', 'Contenu répété, hors sujet ou publié en masse.', 'CGU, engagements des membres', 7),
  ('autre', 'Autre', 'Un autre manquement aux CGU ou à la charte éditoriale : précisez-le en commentaire.', 'CGU', 8);
