-- 0025's function referred to OLD.id and OLD.user_id in one expression, which PL/pgSQL resolves
-- against every table the trigger is on; one branch per table instead.
CREATE OR REPLACE FUNCTION announce_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'sessions' THEN
    PERFORM pg_notify('session_changes', OLD.user_id::text);
  ELSE
    PERFORM pg_notify('session_changes', OLD.id::text);
  END IF;
  RETURN NULL;
END $$;
