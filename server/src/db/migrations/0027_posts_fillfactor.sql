-- Every comment and "utile" bumps a counter on its post. With full pages (COPY fills them to 100 %)
-- that update cannot stay on the page (HOT) and inserts the row anew into every index of posts,
-- including the GIN indexes of its words and title trigrams: hundreds of index entries per comment.
-- Free room on each page keeps counter updates HOT, so no index is touched. Applies to pages
-- written from now on (new rows, COPY, VACUUM FULL).
ALTER TABLE posts SET (fillfactor = 85);
