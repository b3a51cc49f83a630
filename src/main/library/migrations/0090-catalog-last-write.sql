-- When the catalog last changed what files it references: one row, moved forward by triggers on
-- the tables whose rows need a file (blobs) or own them (media), so every write path counts, also
-- ones added later. media_stale never calls a file stale that was written after this time: a
-- catalog restored from an older copy keeps its old time, and the files written since are newer.
CREATE TABLE catalog_last_write (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  at TEXT NOT NULL
) STRICT;

-- An upgraded library starts at its newest recorded file or item (or now, when it has none).
INSERT INTO catalog_last_write (singleton, at)
VALUES (1, COALESCE(
  (SELECT max(t) FROM (SELECT max(created) AS t FROM blobs UNION ALL SELECT max(modified) FROM media)),
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
));

CREATE TRIGGER catalog_write_blob_insert AFTER INSERT ON blobs BEGIN
  UPDATE catalog_last_write SET at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE singleton = 1;
END;
CREATE TRIGGER catalog_write_blob_update AFTER UPDATE ON blobs BEGIN
  UPDATE catalog_last_write SET at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE singleton = 1;
END;
CREATE TRIGGER catalog_write_blob_delete AFTER DELETE ON blobs BEGIN
  UPDATE catalog_last_write SET at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE singleton = 1;
END;
CREATE TRIGGER catalog_write_media_insert AFTER INSERT ON media BEGIN
  UPDATE catalog_last_write SET at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE singleton = 1;
END;
CREATE TRIGGER catalog_write_media_delete AFTER DELETE ON media BEGIN
  UPDATE catalog_last_write SET at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE singleton = 1;
END;
