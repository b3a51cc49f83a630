-- Storage markers (.castdesk-storage.json at every storage root). A library made before markers
-- gets them on its first open, only for storages that exist and hold files the catalog references:
-- storage_marker_legacy holds one row until that first open has copied the configured storage names
-- into storage_marker_pending; a name leaves storage_marker_pending once its storage was looked at
-- (marked, or left unmarked for "castdesk storages init"). A new library drops the row at once.
CREATE TABLE storage_marker_legacy (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1)
) STRICT;
INSERT INTO storage_marker_legacy (singleton) VALUES (1);

CREATE TABLE storage_marker_pending (
  storage TEXT PRIMARY KEY
) STRICT;
