-- « Questions à traiter » counted a community's open questions by reading each one's post (deleted? hidden?): a
-- post read per open question, and a backlog grows with the network (343 open questions in the largest community at
-- scale 10: 1.3 ms of PostgreSQL per page). The post's visibility is now kept on the question by a trigger, and
-- the open questions' index holds only those in view: the counts read that index alone.
DROP INDEX "questions_pending_idx";--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "post_in_view" boolean DEFAULT true NOT NULL;--> statement-breakpoint
UPDATE questions q SET post_in_view = false FROM posts p
 WHERE p.id = q.post_id AND (p.deleted_at IS NOT NULL OR p.hidden_at IS NOT NULL);--> statement-breakpoint
CREATE INDEX "questions_pending_idx" ON "questions" USING btree ("community_id","deadline_at","post_id") WHERE "questions"."answered_at" IS NULL AND "questions"."post_in_view";--> statement-breakpoint
CREATE OR REPLACE FUNCTION sync_question_post_in_view() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE questions SET post_in_view = (NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL) WHERE post_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Only when deletion or moderation changes whether the post is in view (a question of another kind has no row).
CREATE TRIGGER posts_sync_question_post_in_view AFTER UPDATE OF deleted_at, hidden_at ON posts FOR EACH ROW
  WHEN ((OLD.deleted_at IS NULL AND OLD.hidden_at IS NULL) IS DISTINCT FROM (NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL))
  EXECUTE FUNCTION sync_question_post_in_view();
