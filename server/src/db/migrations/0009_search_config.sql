-- French full-text search, accent- and plural-insensitive: "élu", "élus" and "elus" all become "elu".
-- The copy of `french` keeps its stop words and stemmer; unaccent runs before french_stem.
CREATE TEXT SEARCH CONFIGURATION public.french_unaccent (COPY = pg_catalog.french);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.french_unaccent
  ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;--> statement-breakpoint
-- The French Snowball stemmer keeps the plural "s" of short words ("elus" stays "elus"), so documents and
-- queries both go through this normalisation first: accents off, then a final s or x dropped from words of
-- four letters or more. Applied to both sides, it stays consistent ("pays" -> "pay" everywhere).
-- Changing it would leave the stored vectors stale: add a new function and regenerate the columns instead.
CREATE FUNCTION public.search_normalize(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT regexp_replace(public.immutable_unaccent($1), '([A-Za-z]{3,})[sxSX]\M', '\1', 'g') $$;--> statement-breakpoint
-- Stored generated vectors: computed once with the row, never on read. Title weighs more (A) than body (B).
ALTER TABLE posts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('public.french_unaccent'::regconfig, public.search_normalize(coalesce(title, ''))), 'A')
  || setweight(to_tsvector('public.french_unaccent'::regconfig, public.search_normalize(coalesce(body_md, ''))), 'B')
) STORED;--> statement-breakpoint
ALTER TABLE comments ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('public.french_unaccent'::regconfig, public.search_normalize(coalesce(body_md, ''))), 'B')
) STORED;--> statement-breakpoint
CREATE INDEX posts_search_idx ON posts USING gin (search_vector) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX comments_search_idx ON comments USING gin (search_vector) WHERE deleted_at IS NULL;
