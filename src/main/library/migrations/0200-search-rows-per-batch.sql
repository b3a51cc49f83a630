-- Search rows of imported items written once per item and batch (issue 16).
--
-- An import inserts several rows per item (media, then images or audios, then its blob) and each
-- insert rebuilt the item's media_fts row: three rebuilds (and two deletes of a row just written)
-- for one image. A writer that records many items in one transaction may now defer those rebuilds:
-- while media_fts_deferred holds its row, the four insert triggers below leave media_fts alone, and
-- the writer rebuilds the rows of the items it wrote, then deletes its row, before it commits (the
-- importer's commit batcher; see search-index.repository.ts). The row never outlives the
-- transaction that inserted it, so no other connection ever sees it. Updates and deletes are
-- never deferred.
CREATE TABLE media_fts_deferred (
  one INTEGER PRIMARY KEY CHECK (one = 1)
) STRICT;

DROP TRIGGER media_fts_media_insert;
CREATE TRIGGER media_fts_media_insert AFTER INSERT ON media
WHEN NOT EXISTS (SELECT 1 FROM media_fts_deferred) BEGIN
  DELETE FROM media_fts WHERE rowid = new.id;
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source WHERE id = new.id;
END;

DROP TRIGGER media_fts_audio_insert;
CREATE TRIGGER media_fts_audio_insert AFTER INSERT ON audios
WHEN NOT EXISTS (SELECT 1 FROM media_fts_deferred) BEGIN
  DELETE FROM media_fts WHERE rowid = new.media_id;
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source WHERE id = new.media_id;
END;

DROP TRIGGER media_fts_image_insert;
CREATE TRIGGER media_fts_image_insert AFTER INSERT ON images
WHEN NOT EXISTS (SELECT 1 FROM media_fts_deferred) BEGIN
  DELETE FROM media_fts WHERE rowid = new.media_id;
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source WHERE id = new.media_id;
END;

DROP TRIGGER media_fts_blob_insert;
CREATE TRIGGER media_fts_blob_insert AFTER INSERT ON blobs
WHEN new.role = 'original' AND NOT EXISTS (SELECT 1 FROM media_fts_deferred) BEGIN
  DELETE FROM media_fts WHERE rowid = new.media_id;
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source WHERE id = new.media_id;
END;
