-- The library's identity: one row. The same id is kept in castdesk.config.json ("libraryId") and in
-- the marker of every storage, so a database, a config and a storage of different libraries are told
-- apart before anything is written or removed.
CREATE TABLE library_identity (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  id TEXT NOT NULL CHECK (length(id) = 36),
  created TEXT NOT NULL
) STRICT;
