-- The session cache (plugins/session-cache.ts) now carries the CGU version a member still has to accept, so that
-- the gate on writes (privacy/gate.ts) no longer costs every write a query. What changes that answer is announced
-- on the session channel like the rest of what a session carries (0025): a member's acceptances (their sessions
-- are evicted), and any change of the legal pages (every cached session is dropped: a non-numeric payload; a new
-- CGU version is rare).
CREATE OR REPLACE FUNCTION announce_cgu_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'legal_pages' THEN
    PERFORM pg_notify('session_changes', 'cgu');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('session_changes', OLD.user_id::text);
  ELSE
    PERFORM pg_notify('session_changes', NEW.user_id::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cgu_acceptances_announce
  AFTER INSERT OR UPDATE OR DELETE ON cgu_acceptances
  FOR EACH ROW EXECUTE FUNCTION announce_cgu_change();
--> statement-breakpoint
CREATE TRIGGER legal_pages_announce_cgu
  AFTER INSERT OR UPDATE OR DELETE ON legal_pages
  FOR EACH STATEMENT EXECUTE FUNCTION announce_cgu_change();
