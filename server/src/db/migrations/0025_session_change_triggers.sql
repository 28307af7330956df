-- Announce on "session_changes" (payload: the user id) whatever makes a cached session stale
-- (plugins/session-cache.ts): an ended session, or a change of what a session carries of its user.
-- Triggers, not application code, so that every path (routes, jobs, scripts, other instances) announces.
CREATE OR REPLACE FUNCTION announce_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('session_changes', (CASE WHEN TG_TABLE_NAME = 'sessions' THEN OLD.user_id ELSE OLD.id END)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_announce_end
  AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION announce_session_change();
--> statement-breakpoint
CREATE TRIGGER users_announce_session_change
  AFTER UPDATE ON users
  FOR EACH ROW
  WHEN (OLD.email IS DISTINCT FROM NEW.email OR OLD.first_name IS DISTINCT FROM NEW.first_name
        OR OLD.last_name IS DISTINCT FROM NEW.last_name OR OLD.national_role IS DISTINCT FROM NEW.national_role
        OR OLD.email_verified_at IS DISTINCT FROM NEW.email_verified_at OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
        OR OLD.banned_at IS DISTINCT FROM NEW.banned_at)
  EXECUTE FUNCTION announce_session_change();
--> statement-breakpoint
CREATE TRIGGER users_announce_removal
  AFTER DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION announce_session_change();
